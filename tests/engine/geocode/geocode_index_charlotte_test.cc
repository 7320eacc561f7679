// The geocoder's street matching on the bundled Charlotte data: the CMPD sample's LOCATION column (a block gazetteer
// learnt from 2017-2021, queried with 2022-2025) and the CDOT signal names (intersections). Numbered streets
// (E 16TH ST, W 5TH ST, I-85, I-485) must only ever be placed on a street of the same number; word names with a
// typo must still be placed where the correctly spelt name is.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/geocode/geocode_index.h"
#include "tests/test_support.h"

namespace hotspot {
namespace {

using testing::charlotte;

// A whole CSV file as rows of fields (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), read
// here without the project's reader.
std::vector<std::vector<std::string>> read_rows(const std::string& path) {
  const std::string text = testing::read_file(path);
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += text[++i];
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else if (c != '\r') {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  size_t col(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
};

Table read_table(const std::string& path) {
  std::vector<std::vector<std::string>> rows = read_rows(path);
  Table t;
  t.header = rows.front();
  t.rows.assign(rows.begin() + 1, rows.end());
  return t;
}

// The numbers written in a street text, as values: "800 E 16TH ST" -> {16} (the house number, the first token of an
// address, left out), "E 7TH ST_N TRYON ST_W 7TH ST" -> {7}, "N I-85 EXIT 41 RA" -> {I-85, 41}. A token of digits
// with an ordinal ending or none is its value; any other token holding a digit is itself.
std::set<std::string> numbers_in(const std::string& text, bool skip_house_number) {
  std::set<std::string> out;
  std::string tok;
  bool first = true;
  auto flush = [&]() {
    if (tok.empty()) return;
    const bool skip = first && skip_house_number;
    first = false;
    size_t d = 0;
    while (d < tok.size() && std::isdigit(static_cast<unsigned char>(tok[d]))) ++d;
    const std::string rest = tok.substr(d);
    if (!skip && d > 0 && (rest.empty() || rest == "ST" || rest == "ND" || rest == "RD" || rest == "TH"))
      out.insert(std::to_string(std::stoll(tok.substr(0, d))));
    else if (!skip && tok.find_first_of("0123456789") != std::string::npos)
      out.insert(tok);
    tok.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '_' || c == '&' || c == '/' || c == '|') flush();
    else tok += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  flush();
  return out;
}

// "16TH", "21ST", "112TH": the English ordinal of n, written the way Charlotte's street names write it.
std::string ordinal(int n) {
  const char* suffix = "TH";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "ST";
    if (n % 10 == 2) suffix = "ND";
    if (n % 10 == 3) suffix = "RD";
  }
  return std::to_string(n) + suffix;
}

// CMPD's sample split by year, as the geo gazetteer test does: 2017-2021 teach the block gazetteer (LOCATION with
// X/Y_COORD_PUBLIC), 2022-2025 are geocoded. A placement of a LOCATION naming a number (800 E 16TH ST) must be on
// a street with exactly that number: before numbers were kept out of fuzzy matching, 800 E 16TH ST (twice) and
// 500 E 12TH ST were placed on E 15TH ST.
TEST(GeocodeIndexCharlotteTest, CmpdBlocksStayOnTheirNumberedStreet) {
  const Table t = read_table(charlotte("cmpd_incidents_sample.csv"));
  const size_t year = t.col("YEAR"), loc = t.col("LOCATION"), xc = t.col("X_COORD_PUBLIC"), yc = t.col("Y_COORD_PUBLIC");
  GeocodeOptions o;
  o.parse.hundreds_are_blocks = true;
  GeocodeIndex g(o);
  std::vector<std::string> probes;
  std::set<std::string> learnt;  // "800|E 16TH ST": the hundred block and the street text of each learnt LOCATION
  auto block_text = [](const std::string& location) {
    const size_t sp = location.find(' ');
    const std::string n = location.substr(0, sp);
    if (sp == std::string::npos || n.empty() || n.find_first_not_of("0123456789") != std::string::npos) return std::string();
    return std::to_string(std::stoll(n) / 100 * 100) + "|" + location.substr(sp + 1);
  };
  for (const std::vector<std::string>& r : t.rows) {
    ASSERT_EQ(r.size(), t.header.size());
    if (std::stoi(r[year]) > 2021) {
      probes.push_back(r[loc]);
      continue;
    }
    learnt.insert(block_text(r[loc]));
    const ParsedAddress a = parse_address(r[loc], o.parse);
    if (a.kind == AddressKind::kBlock || a.kind == AddressKind::kHouse)
      g.add_known_block(a.street, a.number, {std::stod(r[xc]), std::stod(r[yc])});
  }
  g.finalize();
  int numbered = 0, numbered_placed = 0, fuzzy_placed = 0;
  std::vector<std::string> moved;
  for (const std::string& p : probes) {
    const std::set<std::string> want = numbers_in(p, true);
    const GeocodeResult r = g.geocode(p);
    fuzzy_placed += r.placed() && r.score < 100;
    if (want.empty()) continue;
    ++numbered;
    // A block learnt under the same text is found whatever its number.
    if (learnt.count(block_text(p))) {
      EXPECT_TRUE(r.placed() && r.score == 100) << p << ": " << r.reason;
    }
    if (!r.placed()) continue;
    ++numbered_placed;
    const std::set<std::string> got = numbers_in(r.matched, true);
    if (got != want) moved.push_back(p + " -> " + r.matched + " (score " + std::to_string(r.score) + ")");
  }
  std::cout << "  2022-2025 probes: " << probes.size() << ", naming a number " << numbered << ", of them placed "
            << numbered_placed << "; fuzzy placements (score < 100) " << fuzzy_placed << "\n";
  for (const std::string& m : moved) std::cout << "  moved to another number: " << m << "\n";
  EXPECT_TRUE(moved.empty()) << moved.size() << " placements moved to a street of another number";
}

// A CDOT signal: its streets (as the name writes them) and its point in metres east/north of downtown.
struct Signal {
  std::string id;
  std::string name;
  XY point;
};

std::vector<Signal> cdot_signals() {
  const Table t = read_table(charlotte("cdot_signals.csv"));
  const size_t x = t.col("X"), y = t.col("Y"), id = t.col("OBJECTID"), desc = t.col("UNITDESC");
  std::vector<Signal> out;
  constexpr double kPi = 3.14159265358979323846;
  const double lon0 = -80.84, lat0 = 35.23, m_per_deg = 111195.0;  // local equirectangular, enough for 300 m ties
  for (const std::vector<std::string>& r : t.rows) {
    const double lon = std::stod(r[x]), lat = std::stod(r[y]);
    out.push_back({r[id], r[desc], {(lon - lon0) * m_per_deg * std::cos(lat0 * kPi / 180.0), (lat - lat0) * m_per_deg}});
  }
  return out;
}

GeocodeIndex signal_index(const std::vector<Signal>& signals) {
  GeocodeOptions o;
  o.tie_cluster_crs = 300.0;
  GeocodeIndex g(o);
  for (const Signal& s : signals) {
    const ParsedAddress a = parse_address(s.name);
    if (a.kind != AddressKind::kIntersection) continue;
    std::vector<StreetName> streets{a.street};
    streets.insert(streets.end(), a.cross.begin(), a.cross.end());
    g.add_intersection(streets, s.point, s.id);
  }
  g.finalize();
  return g;
}

// The streets of a signal name as written ("E 16TH ST_N TRYON ST" -> "E 16TH ST", "N TRYON ST").
std::vector<std::string> signal_streets(const std::string& name) {
  std::vector<std::string> out(1);
  for (char c : name) {
    if (c == '_') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// Every numbered street of every signal, its number replaced by each other number from 1 to 500 ("E 16TH ST & N
// TRYON ST" asked as "E 15TH ST & N TRYON ST", "E 150TH ST & N TRYON ST", "I-485 & ..." as "I-85 & ..."): a query
// that is placed must land on a signal that names the asked number. The same number written plainly ("E 16 ST")
// lands where the name as written does.
TEST(GeocodeIndexCharlotteTest, CdotSignalsNeverTradeOneNumberForAnother) {
  const std::vector<Signal> signals = cdot_signals();
  const GeocodeIndex g = signal_index(signals);
  ASSERT_GT(g.intersection_count(), 800u);
  int queries = 0, placed = 0, plain_checked = 0;
  std::vector<std::string> moved, plain_lost;
  for (const Signal& s : signals) {
    const std::vector<std::string> streets = signal_streets(s.name);
    if (streets.size() != 2) continue;
    for (size_t k = 0; k < 2; ++k) {
      const std::string& street = streets[k];
      const std::string& cross = streets[1 - k];
      // The numbered token: an ordinal ("16TH") or an interstate ("I-485").
      size_t b = 0;
      while (b < street.size() && !std::isdigit(static_cast<unsigned char>(street[b]))) ++b;
      if (b == street.size() || !numbers_in(cross, false).empty()) continue;
      size_t e = b;
      while (e < street.size() && std::isdigit(static_cast<unsigned char>(street[e]))) ++e;
      const bool interstate = b >= 2 && street.compare(b - 2, 2, "I-") == 0;
      const std::string suffix = street.substr(e, std::min<size_t>(2, street.size() - e));
      const bool ord = suffix == "ST" || suffix == "ND" || suffix == "RD" || suffix == "TH";
      if (!interstate && !ord) continue;
      const size_t tail = ord ? e + 2 : e;
      const GeocodeResult as_written = g.geocode(street + " & " + cross);
      for (int n = 1; n <= 500; ++n) {
        const std::string number = ord ? ordinal(n) : std::to_string(n);
        if (number == street.substr(b, tail - b)) continue;
        const std::string q = street.substr(0, b) + number + street.substr(tail) + " & " + cross;
        ++queries;
        const GeocodeResult r = g.geocode(q);
        if (!r.placed()) continue;
        ++placed;
        const std::set<std::string> got = numbers_in(r.matched, false);
        const std::string asked = ord ? std::to_string(n) : "I-" + std::to_string(n);
        if (!got.count(asked)) moved.push_back(q + " -> " + r.matched + " (score " + std::to_string(r.score) + ")");
      }
      if (ord && b > 0 && as_written.placed()) {  // "5 STREET" on its own would read as a house number
        ++plain_checked;
        const std::string plain = street.substr(0, e) + street.substr(tail) + " & " + cross;
        const GeocodeResult r = g.geocode(plain);
        if (!r.placed() || std::hypot(r.point.x - as_written.point.x, r.point.y - as_written.point.y) > 1e-9)
          plain_lost.push_back(plain + ": " + (r.placed() ? r.matched : r.reason));
      }
    }
  }
  std::cout << "  " << queries << " queries with another number, " << placed << " placed (on a signal naming it), "
            << moved.size() << " moved to another number; " << plain_checked << " plain-number queries\n";
  for (size_t i = 0; i < moved.size() && i < 15; ++i) std::cout << "  moved: " << moved[i] << "\n";
  EXPECT_TRUE(moved.empty()) << moved.size() << " placements on a street of another number";
  EXPECT_GT(plain_checked, 50);
  for (const std::string& p : plain_lost) ADD_FAILURE() << "plain number not placed like its ordinal: " << p;
}

// Typos in word names keep matching: every two-street signal without numbers whose first street has a word of 8 or
// more letters, asked with that word's fourth letter left out (BEATTIES -> BEATIES), lands where the correctly spelt
// query does.
TEST(GeocodeIndexCharlotteTest, CdotSignalsWithATypoInAWordNameStillMatch) {
  const std::vector<Signal> signals = cdot_signals();
  const GeocodeIndex g = signal_index(signals);
  const GeocodeResult beatties = g.geocode("BEATTIES FORD RD & LASALLE ST");
  const GeocodeResult beaties = g.geocode("BEATIES FORD RD & LASALLE ST");
  EXPECT_TRUE(beatties.placed()) << beatties.reason;
  EXPECT_TRUE(beaties.placed()) << beaties.reason;
  EXPECT_EQ(beaties.ref_id, beatties.ref_id);
  EXPECT_EQ(beaties.score, 88);  // one edit
  int checked = 0;
  std::vector<std::string> lost;
  for (const Signal& s : signals) {
    const std::vector<std::string> streets = signal_streets(s.name);
    if (streets.size() != 2 || !numbers_in(s.name, false).empty()) continue;
    // The longest word of the first street, with its fourth letter left out.
    const std::string& street = streets[0];
    size_t best_b = 0, best_len = 0;
    for (size_t i = 0; i < street.size();) {
      size_t j = street.find(' ', i);
      if (j == std::string::npos) j = street.size();
      if (j - i > best_len) best_b = i, best_len = j - i;
      i = j + 1;
    }
    if (best_len < 8) continue;
    const std::string exact_q = street + " & " + streets[1];
    const std::string typo_q = street.substr(0, best_b + 3) + street.substr(best_b + 4) + " & " + streets[1];
    const GeocodeResult exact = g.geocode(exact_q);
    if (!exact.placed()) continue;
    ++checked;
    const GeocodeResult typo = g.geocode(typo_q);
    if (!typo.placed() || std::hypot(typo.point.x - exact.point.x, typo.point.y - exact.point.y) > 1e-9)
      lost.push_back(typo_q + ": " + (typo.placed() ? "placed on " + typo.matched : typo.reason));
  }
  std::cout << "  " << checked << " signals asked with a typo in a long word, " << lost.size() << " not placed alike\n";
  EXPECT_GT(checked, 100);
  for (const std::string& l : lost) ADD_FAILURE() << l;
}

}  // namespace
}  // namespace hotspot
