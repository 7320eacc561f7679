#include "engine/core/record_accounting.h"

#include <sstream>

namespace hotspot {

int64_t RecordAccounting::rejected_total() const {
  int64_t sum = 0;
  for (const auto& [code, n] : rejected_) sum += n;
  return sum;
}

std::string RecordAccounting::summary() const {
  std::ostringstream os;
  os << "in " << records_in_ << " = accepted " << accepted_ << " + rejected " << rejected_total();
  if (!rejected_.empty()) {
    os << " (";
    bool first = true;
    for (const auto& [code, n] : rejected_) {
      if (!first) os << ", ";
      os << code << " " << n;
      first = false;
    }
    os << ")";
  }
  return os.str();
}

}  // namespace hotspot
