#include "cli/pipeline/run_config.h"

#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace hotspot::cli {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_run_config(text, "/base", "cfg.json");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(RunConfigTest, BundledCharlotteConfigLoads) {
  RunConfig c = load_run_config(hotspot::testing::charlotte("charlotte_run.json"));
  EXPECT_EQ(c.input.input_path, hotspot::testing::charlotte("cmpd_incidents_sample.csv"));
  EXPECT_EQ(c.input.analysis_crs, "EPSG:2264");
  ASSERT_TRUE(c.kde.options.density.radius.has_value());
  EXPECT_DOUBLE_EQ(c.kde.options.density.radius->in_crs_units(1200.0 / 3937.0), 2000.0);
  EXPECT_FALSE(c.gistar.options.band.has_value());  // "auto"
  EXPECT_EQ(c.gistar.options.permutations, 999);
  EXPECT_EQ(c.priority_areas.default_radius.unit, LengthUnit::kMile);
  EXPECT_EQ(c.report.start_year, 2022);
  EXPECT_EQ(c.context.divisions.name_field, "DNAME");
  EXPECT_NE(resolved_config_json(c).find("\"radius\": \"2000ft\""), std::string::npos);
}

TEST(RunConfigTest, ErrorsNameTheKey) {
  const std::string base = R"({"input": {"path": "a.csv"}, "output": {"folder": "out"}, )";
  EXPECT_EQ(error_of(base + R"("kde": {"radiuss": "2000ft"}})"),
            "cfg.json: kde.radiuss: unknown key (did you mean 'radius'?)");
  EXPECT_NE(error_of(base + R"("kde": {"radius": "2000"}})").find("kde.radius: length '2000' has no unit"), std::string::npos);
  EXPECT_NE(error_of(base + R"("kde": {"radius": 2000}})").find("kde.radius: must be a length with a unit"), std::string::npos);
  EXPECT_NE(error_of(base + R"("kde": {"radius": "-5ft"}})").find("kde.radius: must be a positive length"), std::string::npos);
  EXPECT_NE(error_of(base + R"("kde": {"radius": "5 furlongs"}})").find("unknown unit"), std::string::npos);
  EXPECT_NE(error_of(base + R"("kde": {"kernel": "box"}})").find("kde.kernel: 'box' is not one of quartic"), std::string::npos);
  EXPECT_NE(error_of(base + R"("gistar": {"permutations": -1}})").find("gistar.permutations: must be between 0"), std::string::npos);
  EXPECT_NE(error_of(base + R"("colour": 1})").find("cfg.json: colour: unknown key"), std::string::npos);
  EXPECT_NE(error_of(R"({"output": {"folder": "o"}})").find("needs an \"input\" section"), std::string::npos);
  EXPECT_NE(error_of("{ not json").find("not valid JSON"), std::string::npos);
  EXPECT_NE(error_of("[1,2]").find("must be a JSON object"), std::string::npos);
  // A number beyond double's range (found by the fuzzer) is a config error, not a crash.
  EXPECT_NE(error_of("999999999.99e99999951").find("not valid JSON"), std::string::npos);
}

TEST(RunConfigTest, RelativePathsResolveAgainstTheConfigFolder) {
  RunConfig c = parse_run_config(R"({"input": {"path": "in/a.csv", "study_area": "/abs/b.shp"}, "output": {"folder": "../out"}})",
                                 "/data/cfg", "cfg.json");
  EXPECT_EQ(c.input.input_path, "/data/cfg/in/a.csv");
  EXPECT_EQ(c.input.study_area_path, "/abs/b.shp");
  EXPECT_EQ(c.output_folder, "/data/out");
}

}  // namespace
}  // namespace hotspot::cli
