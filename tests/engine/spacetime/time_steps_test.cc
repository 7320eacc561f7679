#include "engine/spacetime/time_steps.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "engine/core/timestamp.h"
#include "engine/spacetime/space_time_cube.h"

namespace hotspot {
namespace {

int64_t day(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d); }

TEST(TimeSteps, MonthsClampToTheMonthLength) {
  EXPECT_EQ(add_months(day(2024, 3, 31), -1), day(2024, 2, 29));
  EXPECT_EQ(add_months(day(2023, 3, 31), -1), day(2023, 2, 28));
  EXPECT_EQ(add_months(day(2024, 1, 31), -1), day(2023, 12, 31));
  EXPECT_EQ(add_months(day(2024, 11, 15), 3), day(2025, 2, 15));
}

TEST(TimeSteps, EndAlignmentEndsAtTheLastDayAndDropsThePartialFirstStep) {
  // Data from 2020-01-10 to 2022-11-07; quarters counted back from 2022-11-08.
  TimeStepOptions o;
  o.length = TimeStepLength::kThreeMonths;
  const TimeStepPlan plan = plan_time_steps(day(2020, 1, 10), day(2022, 11, 7), o);
  ASSERT_GE(plan.steps(), 1u);
  EXPECT_EQ(plan.edges_day.back(), day(2022, 11, 8));
  EXPECT_EQ(plan.edges_day[plan.steps() - 1], day(2022, 8, 8));
  // The first kept step starts on or after the first day: 2020-02-08 (2019-11-08 + 3 months), the one before
  // (2019-11-08 .. 2020-02-08) is partial and dropped.
  EXPECT_EQ(plan.edges_day.front(), day(2020, 2, 8));
  EXPECT_EQ(plan.steps(), 11u);
  EXPECT_EQ(plan.step_of_day(day(2020, 1, 20)), -1);
  EXPECT_EQ(plan.step_of_day(day(2020, 2, 8)), 0);
  EXPECT_EQ(plan.step_of_day(day(2022, 11, 7)), 10);
}

TEST(TimeSteps, StartAndReferenceAlignment) {
  TimeStepOptions o;
  o.length = TimeStepLength::kOneYear;
  o.alignment = TimeAlignment::kStart;
  const TimeStepPlan start = plan_time_steps(day(2017, 3, 5), day(2020, 1, 1), o);
  EXPECT_EQ(start.edges_day.front(), day(2017, 3, 5));
  EXPECT_EQ(start.edges_day.back(), day(2019, 3, 5));  // the partial last year dropped
  o.alignment = TimeAlignment::kReference;
  o.reference_day = day(2000, 1, 1);
  const TimeStepPlan ref = plan_time_steps(day(2017, 3, 5), day(2020, 1, 1), o);
  EXPECT_EQ(ref.edges_day.front(), day(2018, 1, 1));
  EXPECT_EQ(ref.edges_day.back(), day(2020, 1, 1));
}

TEST(TimeSteps, ParsesTheThreeLengthsAndRefusesOthers) {
  EXPECT_EQ(parse_time_step("1month"), TimeStepLength::kOneMonth);
  EXPECT_EQ(parse_time_step("3months"), TimeStepLength::kThreeMonths);
  EXPECT_EQ(parse_time_step("1 year"), TimeStepLength::kOneYear);
  EXPECT_THROW(parse_time_step("2weeks"), std::invalid_argument);
}

TEST(SpaceTimeCube, KeepsLocationsWithAnIncidentAndZeroBinsAndCountsTheRest) {
  const int64_t ms = 86400000LL;
  // Units 3 and 7; monthly steps from 2021-01-01 to 2021-12-31 (end alignment: 12 steps ending 2022-01-01).
  std::vector<int64_t> unit = {3, 3, 7, -1, 7, 9};
  std::vector<int64_t> t = {day(2021, 1, 1) * ms, day(2021, 12, 31) * ms, day(2021, 6, 15) * ms,
                            day(2021, 6, 15) * ms, kNoTime, day(2021, 12, 20) * ms};
  TimeStepOptions o;
  o.length = TimeStepLength::kOneMonth;
  const SpaceTimeCube cube = build_space_time_cube(unit, t, o);
  ASSERT_EQ(cube.steps(), 12u);
  ASSERT_EQ(cube.location_unit, (std::vector<int64_t>{3, 7, 9}));
  EXPECT_EQ(cube.count(0, 0), 1);
  EXPECT_EQ(cube.count(0, 11), 1);
  EXPECT_EQ(cube.count(1, 5), 1);
  EXPECT_EQ(cube.count(1, 0), 0);
  EXPECT_EQ(cube.incidents_in, 4);
  EXPECT_EQ(cube.incidents_outside, 1);
  EXPECT_EQ(cube.incidents_undated, 1);
}

TEST(SpaceTimeCube, RefusesNoDatesAndASpanShorterThanOneStep) {
  TimeStepOptions o;
  o.length = TimeStepLength::kOneYear;
  std::vector<int64_t> unit = {1, 2};
  EXPECT_THROW(build_space_time_cube(unit, std::vector<int64_t>{kNoTime, kNoTime}, o), std::invalid_argument);
  const int64_t ms = 86400000LL;
  EXPECT_THROW(build_space_time_cube(unit, std::vector<int64_t>{day(2021, 1, 1) * ms, day(2021, 6, 1) * ms}, o),
               std::invalid_argument);
}

}  // namespace
}  // namespace hotspot
