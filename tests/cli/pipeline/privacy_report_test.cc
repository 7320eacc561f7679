#include "cli/pipeline/privacy_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace hotspot::cli {
namespace {

TEST(PrivacyReportTest, MarkdownCountsTablesAndYears) {
  const std::string md =
      "| area | incidents | violent | share of city violent |\n|---|---:|---:|---:|\n| A | 49 | 1 | 0.4% |\n"
      "- 49 incidents (1.0% of the city's), of which 2 violent (0.8% of the city's violent incidents).\n"
      "- By year: 2017: 11, 2018: 2, 2019: 7, 2020: 5.\n"
      "- Top categories: Simple Assault (7); Robbery (1).\n";
  const std::string p = public_report_markdown(md, 3);
  EXPECT_NE(p.find("| A | 49 | < 3 | - |"), std::string::npos) << p;
  EXPECT_NE(p.find("of which < 3 violent."), std::string::npos) << p;
  // 2018 is below k; the area's total is published, so the smallest other year (2020: 5) goes with it.
  EXPECT_NE(p.find("By year: 2017: 11, 2018: < 3, 2019: 7, 2020: suppressed."), std::string::npos) << p;
  EXPECT_NE(p.find("Simple Assault (7); Robbery (< 3)."), std::string::npos) << p;
  EXPECT_EQ(public_report_markdown("- 9 set aside (listed with reasons in `rejects.csv`): a 9.\n", 3),
            "- 9 set aside: a 9.\n");
}

TEST(PrivacyReportTest, CsvBlanksSmallCountsAndTheirShares) {
  const std::string csv = "name,incidents,violent,share_violent,share_incidents\nA,49,1,0.004,0.01\nB,50,9,0.03,0.02\n";
  const std::string p = public_report_csv(csv, 3);
  EXPECT_EQ(p, "name,incidents,violent,share_violent,share_incidents,suppressed\nA,49,,,0.01,violent\n"
               "B,50,9,0.03,0.02,\n");
}

TEST(PrivacyReportTest, JsonDropsPositionsAndSuppressesYearsWithAComplement) {
  const std::string j = R"({"areas":[{"lon":-80.8,"lat":35.2,"figures":{"incidents":20,"violent":2,"share_violent":0.1,
    "by_year":{"2017":12,"2018":1,"2019":7}}}]})";
  const nlohmann::json p = nlohmann::json::parse(public_report_json(j, 3));
  const nlohmann::json& a = p["areas"][0];
  EXPECT_FALSE(a.contains("lon"));
  EXPECT_FALSE(a.contains("lat"));
  EXPECT_TRUE(a["figures"]["violent"].is_null());
  EXPECT_TRUE(a["figures"]["share_violent"].is_null());
  EXPECT_EQ(a["figures"]["incidents"], 20);
  EXPECT_TRUE(a["figures"]["by_year"]["2018"].is_null());
  EXPECT_TRUE(a["figures"]["by_year"]["2019"].is_null());
  EXPECT_EQ(a["figures"]["by_year"]["2017"], 12);
  EXPECT_EQ(a["figures"]["suppressed"], nlohmann::json({"violent", "by_year.2018", "by_year.2019"}));
}

}  // namespace
}  // namespace hotspot::cli
