// Every input record gets exactly one fate: accepted, or rejected with a reason code.
// RecordAccounting keeps the counts; the rejected records themselves (row, raw values, detail) are kept by the
// reader that saw them. The invariant records_in == accepted + sum(rejected) is checked by balanced().
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hotspot {

// Stable reason codes written into rejects files and summaries.
namespace reason {
inline constexpr const char* kMalformedRow = "malformed_row";              // broken quoting, wrong field count, too long
inline constexpr const char* kMissingCoordinate = "missing_coordinate";    // empty x or y (or no geometry)
inline constexpr const char* kUnparseableCoordinate = "unparseable_coordinate";  // text where a number belongs
inline constexpr const char* kNonFiniteCoordinate = "non_finite_coordinate";     // NaN or infinity
inline constexpr const char* kZeroCoordinate = "zero_coordinate";          // (0, 0): a common "unknown" placeholder
inline constexpr const char* kOutsideCrsArea = "outside_crs_area";         // outside the CRS's area of use
inline constexpr const char* kTransformFailed = "transform_failed";        // PROJ could not transform the point
inline constexpr const char* kOutsideStudyArea = "outside_study_area";
inline constexpr const char* kNotAPoint = "not_a_point";                   // OGR geometry is not a point
inline constexpr const char* kFilteredDate = "filtered_date";              // outside the requested date range
inline constexpr const char* kUnparseableDate = "unparseable_date";        // date unreadable (or empty with a date filter on)
inline constexpr const char* kFilteredCategory = "filtered_category";      // category not selected
inline constexpr const char* kBadWeight = "bad_weight";                    // weight field empty, text, negative
inline constexpr const char* kCancelled = "cancelled";                     // a later row with count -1 cancels it
inline constexpr const char* kCorrection = "correction";                   // a row with count -1 that cancels one
inline constexpr const char* kUnmatchedCancellation = "unmatched_cancellation";  // count -1, nothing earlier to cancel
inline constexpr const char* kBadCount = "bad_count";                      // count neither 1 nor -1
inline constexpr const char* kNotGeocoded = "not_geocoded";                // address could not be placed
}  // namespace reason

class RecordAccounting {
 public:
  void add_input(int64_t n = 1) { records_in_ += n; }
  void accept(int64_t n = 1) { accepted_ += n; }
  void reject(const std::string& reason_code, int64_t n = 1) { rejected_[reason_code] += n; }
  // Moves one accepted record to rejected (used by later stages such as the study-area filter).
  void demote(const std::string& reason_code) {
    --accepted_;
    rejected_[reason_code] += 1;
  }

  int64_t records_in() const { return records_in_; }
  int64_t accepted() const { return accepted_; }
  int64_t rejected_total() const;
  const std::map<std::string, int64_t>& rejected_by_reason() const { return rejected_; }
  bool balanced() const { return records_in_ == accepted_ + rejected_total(); }

  // "in 5000 = accepted 4990 + rejected 10 (zero_coordinate 7, missing_coordinate 3)"
  std::string summary() const;

 private:
  int64_t records_in_ = 0;
  int64_t accepted_ = 0;
  std::map<std::string, int64_t> rejected_;
};

}  // namespace hotspot
