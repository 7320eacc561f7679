// Netting signed counts, against a brute-force netting written as the rule reads ("each -1 cancels the latest
// earlier uncancelled +1 of its id"), on random exports, and on hand-made cases.
#include "engine/core/signed_counts.h"

#include <gtest/gtest.h>

#include <random>

namespace hotspot {
namespace {

using Kind = CountFate::Kind;

TEST(SignedCountsTest, HandMadeExport) {
  const std::vector<CountRow> rows = {
      {"1", "A"}, {"1", "B"}, {"-1", "A"}, {"-1", "A"},  // A: once recorded, the second cancellation matches nothing
      {"1", " B "}, {"-1", "B"},                         // the latest B (row 4, blanks trimmed) is cancelled
      {"0", "C"}, {"2", "C"}, {"x", "C"}, {"", "C"},     // not 1 or -1
      {"1.0", "D"}, {"+1", "D"}, {"-1.0", "D"},          // numbers written otherwise
      {"-1", "E", true},                                 // a malformed row: skipped
  };
  const std::vector<CountFate> f = net_signed_counts(rows);
  ASSERT_EQ(f.size(), rows.size());
  EXPECT_EQ(f[0].kind, Kind::cancelled);
  EXPECT_EQ(f[0].partner, 2);
  EXPECT_EQ(f[2].kind, Kind::correction);
  EXPECT_EQ(f[2].partner, 0);
  EXPECT_EQ(f[3].kind, Kind::unmatched);
  EXPECT_EQ(f[1].kind, Kind::keep);
  EXPECT_EQ(f[4].kind, Kind::cancelled);
  EXPECT_EQ(f[5].partner, 4);
  for (int i : {6, 7, 8, 9}) EXPECT_EQ(f[static_cast<size_t>(i)].kind, Kind::bad_count) << i;
  EXPECT_EQ(f[10].kind, Kind::keep);
  EXPECT_EQ(f[11].kind, Kind::cancelled);
  EXPECT_EQ(f[12].partner, 11);
  EXPECT_EQ(f[13].kind, Kind::keep);
}

// The rule, quadratically: for each -1 in order, scan back for the latest +1 of its id not yet cancelled.
std::vector<CountFate> brute_force(const std::vector<CountRow>& rows) {
  std::vector<CountFate> f(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].count == "1") continue;
    f[i].kind = Kind::unmatched;
    for (size_t j = i; j-- > 0;)
      if (rows[j].count == "1" && rows[j].id == rows[i].id && f[j].kind == Kind::keep) {
        f[i] = {Kind::correction, static_cast<int64_t>(j)};
        f[j] = {Kind::cancelled, static_cast<int64_t>(i)};
        break;
      }
  }
  return f;
}

TEST(SignedCountsTest, EqualsBruteForceOnRandomExports) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<CountRow> rows;
    const int n = 1 + static_cast<int>(rng() % 60), ids = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i)
      rows.push_back({rng() % 3 == 0 ? "-1" : "1", "id" + std::to_string(rng() % static_cast<unsigned>(ids))});
    const std::vector<CountFate> got = net_signed_counts(rows), want = brute_force(rows);
    for (size_t i = 0; i < rows.size(); ++i) {
      ASSERT_EQ(got[i].kind, want[i].kind) << trial << " row " << i;
      ASSERT_EQ(got[i].partner, want[i].partner) << trial << " row " << i;
    }
  }
}

}  // namespace
}  // namespace hotspot
