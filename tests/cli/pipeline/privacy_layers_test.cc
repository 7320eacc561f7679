#include "cli/pipeline/privacy_layers.h"

#include <gtest/gtest.h>

namespace hotspot::cli {
namespace {

VectorLayer cells(const std::vector<int64_t>& counts) {
  VectorLayer l;
  l.fields = {{"SOURCE_ID", FieldType::kInteger}, {"Join_Count", FieldType::kInteger}, {"RATE_Join_Count", FieldType::kReal},
              {"GiZScore", FieldType::kReal}};
  for (size_t i = 0; i < counts.size(); ++i)
    l.features.push_back({BoxGeometry{}, {static_cast<int64_t>(i), counts[i], 0.5, 1.25}});
  return l;
}

PrivacyOptions publishing() {
  PrivacyOptions p;
  p.profile = PrivacyOptions::Profile::publishable;
  return p;
}

TEST(PrivacyLayersTest, SmallCountAndOneComplementAreNullWithTheirFlag) {
  VectorLayer l = cells({40, 1, 12, 9});
  ASSERT_EQ(apply_privacy(publishing(), l), LayerVerdict::write);
  ASSERT_EQ(l.fields.back().name, "SUPPRESSED");
  const auto flag = [&](size_t i) { return std::get<int64_t>(l.features[i].values.back()); };
  EXPECT_TRUE(std::holds_alternative<std::monostate>(l.features[1].values[1]));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(l.features[1].values[2]));  // its rate goes with it
  EXPECT_EQ(flag(1), 1);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(l.features[3].values[1]));  // the complement: 9
  EXPECT_EQ(flag(3), 2);
  EXPECT_EQ(std::get<int64_t>(l.features[0].values[1]), 40);
  EXPECT_EQ(flag(0), 0);
  EXPECT_EQ(std::get<double>(l.features[1].values[3]), 1.25);  // not a count: kept
}

TEST(PrivacyLayersTest, PointLayersAreLeftOutAndInternalIsUntouched) {
  VectorLayer points = cells({5});
  points.kind = GeometryKind::kPoint;
  EXPECT_EQ(apply_privacy(publishing(), points), LayerVerdict::leave_out);
  VectorLayer l = cells({1, 50});
  EXPECT_EQ(apply_privacy(PrivacyOptions{}, l), LayerVerdict::write);
  EXPECT_EQ(l.fields.size(), 4u);
  EXPECT_EQ(std::get<int64_t>(l.features[0].values[1]), 1);
}

}  // namespace
}  // namespace hotspot::cli
