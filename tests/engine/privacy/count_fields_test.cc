#include "engine/privacy/count_fields.h"

#include <gtest/gtest.h>

namespace hotspot {
namespace {

TEST(CountFieldsTest, NamesThatAreCounts) {
  for (const char* n : {"Join_Count", "SUM_COUNT", "count", "COUNT_2024", "incidents", "Violent incidents",
                        "incidents_2023", "n", "observed", "violent", "2017", "before", "stops", "Records", "outcomes"})
    EXPECT_TRUE(is_count_name(n)) << n;
  for (const char* n : {"GiZScore", "Gi_Bin", "NNeighbors", "SOURCE_ID", "name", "density_mean", "share", "year", "share_violent", "1776", "years_before",
                        "share_incidents", "incidents_per_sq_mile", "count_change_pct", "COUNT_Z", "records_in", "stop_rate"})
    EXPECT_FALSE(is_count_name(n)) << n;
}

TEST(CountFieldsTest, DerivedFigures) {
  for (const char* n : {"share_incidents", "RATE", "concentration_ratio", "mean_density", "change_pct"})
    EXPECT_TRUE(is_derived_from_counts(n)) << n;
  for (const char* n : {"Join_Count", "GiZScore", "name"}) EXPECT_FALSE(is_derived_from_counts(n)) << n;
}

TEST(CountFieldsTest, DerivedFromOneCount) {
  EXPECT_TRUE(is_derived_from("share_violent", "violent"));
  EXPECT_TRUE(is_derived_from("share of city incidents", "incidents"));
  EXPECT_FALSE(is_derived_from("share_incidents", "violent"));
  EXPECT_FALSE(is_derived_from("violent", "violent"));
}

TEST(CountFieldsTest, SmallIsOneToBelowK) {
  EXPECT_FALSE(is_small_count(0, 3));
  EXPECT_TRUE(is_small_count(1, 3));
  EXPECT_TRUE(is_small_count(2, 3));
  EXPECT_FALSE(is_small_count(3, 3));
}

}  // namespace
}  // namespace hotspot
