#include "cli/pipeline/option_table.h"

#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "cli/pipeline/errors.h"
#include "engine/core/text.h"

namespace hotspot::cli {

namespace {

double parse_double(const std::string& v) {
  size_t used = 0;
  double x = 0.0;
  try {
    x = std::stod(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != v.size() || !std::isfinite(x)) throw std::invalid_argument("'" + v + "' is not a number");
  return x;
}

int64_t parse_int(const std::string& v) {
  size_t used = 0;
  long long x = 0;
  try {
    x = std::stoll(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != v.size()) throw std::invalid_argument("'" + v + "' is not a whole number");
  return x;
}

// A positive analysis length with a unit; messages say what is wrong with the text, the caller names the option.
Length parse_length(const std::string& v) {
  const Length l = Length::parse(v);
  if (!(l.value > 0.0)) throw std::invalid_argument("must be a positive length, got '" + v + "'");
  return Length::parse_analysis(v, "length");
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

}  // namespace

std::string Option::flag() const {
  std::string f = "--" + key;
  for (char& c : f)
    if (c == '_') c = '-';
  return f;
}

std::string format_number(double v) { return format_significant(v, 15); }

const Option* OptionTable::find(const std::string& key) const {
  for (const Option& o : options_)
    if (o.key == key) return &o;
  return nullptr;
}

Option& OptionTable::add(Option o) {
  for (const Option& existing : options_)
    if (existing.key == o.key) throw std::logic_error("option '" + o.key + "' declared twice in " + section_);
  options_.push_back(std::move(o));
  return options_.back();
}

void OptionTable::set(const std::string& key, const std::string& value) {
  for (Option& o : options_)
    if (o.key == key) {
      try {
        o.assign(value);
      } catch (const std::invalid_argument& e) {
        throw UsageError(o.flag() + ": " + e.what());
      }
      return;
    }
  throw std::logic_error("no option '" + key + "' in " + section_);
}

Option& OptionTable::text(const std::string& key, const std::string& help, std::string& target,
                          const std::string& value_name) {
  Option o;
  o.key = key;
  o.help = help;
  o.value_name = value_name;
  o.default_text = target;
  o.assign = [&target](const std::string& v) { target = v; };
  o.show = [&target]() { return target; };
  return add(std::move(o));
}

Option& OptionTable::texts(const std::string& key, const std::string& help, std::vector<std::string>& target,
                           const std::string& value_name) {
  Option o;
  o.key = key;
  o.help = help;
  o.value_name = value_name;
  o.arity = Option::Arity::kList;
  for (const std::string& s : target) o.default_text += (o.default_text.empty() ? "" : ", ") + s;
  o.assign = [&target](const std::string& v) { target.push_back(v); };
  o.clear = [&target]() { target.clear(); };
  o.show = [&target]() { return join(target); };
  return add(std::move(o));
}

Option& OptionTable::length(const std::string& key, const std::string& help, std::optional<Length>& target) {
  Option o;
  o.key = key;
  o.help = help;
  o.value_name = "LENGTH";
  if (target) o.default_text = target->to_string();
  o.assign = [&target](const std::string& v) {
    if (v == "auto" || v == "default") {
      target.reset();
      return;
    }
    target = parse_length(v);
  };
  o.show = [&target]() { return target ? target->to_string() : std::string("auto"); };
  return add(std::move(o));
}

Option& OptionTable::length(const std::string& key, const std::string& help, Length& target) {
  Option o;
  o.key = key;
  o.help = help;
  o.value_name = "LENGTH";
  o.default_text = target.to_string();
  o.assign = [&target](const std::string& v) { target = parse_length(v); };
  o.show = [&target]() { return target.to_string(); };
  return add(std::move(o));
}

namespace {

template <typename Int>
Option whole_number(const std::string& key, const std::string& help, Int& target, Int lo, Int hi) {
  Option o;
  o.key = key;
  o.help = help;
  o.value_name = "N";
  o.default_text = std::to_string(target);
  o.assign = [&target, lo, hi](const std::string& v) {
    const int64_t x = parse_int(v);
    if (x < lo || x > hi)
      throw std::invalid_argument("must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " + v);
    target = static_cast<Int>(x);
  };
  o.show = [&target]() { return std::to_string(target); };
  return o;
}

}  // namespace

Option& OptionTable::integer(const std::string& key, const std::string& help, int& target, int lo, int hi) {
  return add(whole_number(key, help, target, lo, hi));
}

Option& OptionTable::integer(const std::string& key, const std::string& help, int64_t& target, int64_t lo, int64_t hi) {
  return add(whole_number(key, help, target, lo, hi));
}

Option& OptionTable::seed(const std::string& key, const std::string& help, uint64_t& target) {
  Option o;
  o.key = key;
  o.help = help;
  o.value_name = "N";
  o.default_text = std::to_string(target);
  o.assign = [&target](const std::string& v) {
    const int64_t x = parse_int(v);
    if (x < 0) throw std::invalid_argument("must not be negative, got " + v);
    target = static_cast<uint64_t>(x);
  };
  o.show = [&target]() { return std::to_string(target); };
  return add(std::move(o));
}

Option& OptionTable::number(const std::string& key, const std::string& help, double& target, double lo, double hi) {
  Option o;
  o.key = key;
  o.help = help;
  o.value_name = "X";
  o.default_text = format_number(target);
  o.assign = [&target, lo, hi](const std::string& v) {
    const double x = parse_double(v);
    if (x < lo || x > hi)
      throw std::invalid_argument("must be between " + format_number(lo) + " and " + format_number(hi) + ", got " + v);
    target = x;
  };
  o.show = [&target]() { return format_number(target); };
  return add(std::move(o));
}

Option& OptionTable::numbers(const std::string& key, const std::string& help, std::vector<double>& target, double lo,
                             double hi) {
  Option o;
  o.key = key;
  o.help = help;
  o.value_name = "X";
  o.arity = Option::Arity::kList;
  for (double x : target) o.default_text += (o.default_text.empty() ? "" : ", ") + format_number(x);
  o.assign = [&target, lo, hi](const std::string& v) {
    const double x = parse_double(v);
    if (x < lo || x > hi)
      throw std::invalid_argument("must be between " + format_number(lo) + " and " + format_number(hi) + ", got " + v);
    target.push_back(x);
  };
  o.clear = [&target]() { target.clear(); };
  o.show = [&target]() {
    std::vector<std::string> t;
    for (double x : target) t.push_back(format_number(x));
    return join(t);
  };
  return add(std::move(o));
}

Option& OptionTable::flag(const std::string& key, const std::string& help, bool& target) {
  return flag<bool>(key, help, target, false, true);
}

Option& OptionTable::extent(const std::string& key, const std::string& help, std::optional<Extent>& target) {
  Option o;
  o.key = key;
  o.help = help;
  o.value_name = "XMIN,YMIN,XMAX,YMAX";
  o.assign = [&target](const std::string& v) {
    std::vector<double> xs;
    size_t start = 0;
    while (start <= v.size()) {
      const size_t comma = v.find(',', start);
      xs.push_back(parse_double(v.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (xs.size() != 4) throw std::invalid_argument("'" + v + "': expected xmin,ymin,xmax,ymax in analysis CRS units");
    const Extent e{xs[0], xs[1], xs[2], xs[3]};
    if (!(e.min_x < e.max_x && e.min_y < e.max_y))
      throw std::invalid_argument("'" + v + "': needs xmin < xmax and ymin < ymax");
    target = e;
  };
  o.show = [&target]() {
    if (!target) return std::string("auto");
    return join({format_number(target->min_x), format_number(target->min_y), format_number(target->max_x),
                 format_number(target->max_y)});
  };
  return add(std::move(o));
}

}  // namespace hotspot::cli
