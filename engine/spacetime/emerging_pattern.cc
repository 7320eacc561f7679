#include "engine/spacetime/emerging_pattern.h"

#include <cmath>

namespace hotspot {

namespace {

// Counts of one sign (+1 hot or -1 cold) in a series.
struct SignHistory {
  size_t same = 0;      // steps with this sign
  size_t opposite = 0;  // steps with the other sign
  size_t final_run = 0; // length of the run of this sign ending at the final step
  bool final_step = false;
};

SignHistory history(std::span<const int> sig, int sign) {
  SignHistory h;
  for (int s : sig) {
    h.same += s == sign;
    h.opposite += s == -sign;
  }
  for (size_t t = sig.size(); t > 0 && sig[t - 1] == sign; --t) ++h.final_run;
  h.final_step = !sig.empty() && sig.back() == sign;
  return h;
}

// The pattern of one sign, as a positive code 1..8, or 0 when none of that sign applies.
int pattern_of_sign(const SignHistory& h, size_t n, bool trend_significant, bool trend_towards_sign) {
  const bool ninety = 10 * h.same >= 9 * n;
  if (ninety && !h.final_step) return 8;  // historical
  if (!h.final_step) return h.same >= 1 && h.opposite == 0 ? 6 : 0;  // sporadic, or nothing of this sign
  if (ninety) return !trend_significant ? 4 : (trend_towards_sign ? 3 : 5);  // persistent, intensifying, diminishing
  if (h.opposite > 0) return 7;                                             // oscillating
  if (h.same == 1) return 1;                                                // new
  if (h.final_run == h.same) return 2;                                      // consecutive (run >= 2 here)
  return 6;                                                                 // sporadic
}

}  // namespace

std::string pattern_name(EmergingPattern p) {
  const int code = category_code(p);
  static const char* const kKinds[] = {"", "New", "Consecutive", "Intensifying", "Persistent",
                                       "Diminishing", "Sporadic", "Oscillating", "Historical"};
  if (code == 0) return "No Pattern Detected";
  return std::string(kKinds[code > 0 ? code : -code]) + (code > 0 ? " Hot Spot" : " Cold Spot");
}

EmergingPattern classify_emerging(std::span<const int> significance, const TrendSummary& trend, double alpha) {
  const size_t n = significance.size();
  if (n == 0) return EmergingPattern::kNoPattern;
  const bool significant = std::isfinite(trend.p) && trend.p <= alpha;
  const SignHistory hot = history(significance, +1), cold = history(significance, -1);
  // The final step decides the family; with neither, a historical or sporadic pattern of either sign may apply.
  if (cold.final_step) return static_cast<EmergingPattern>(-pattern_of_sign(cold, n, significant, trend.z < 0));
  const int h = pattern_of_sign(hot, n, significant, trend.z > 0);
  if (h != 0 || hot.final_step) return static_cast<EmergingPattern>(h);
  return static_cast<EmergingPattern>(-pattern_of_sign(cold, n, significant, trend.z < 0));
}

}  // namespace hotspot
