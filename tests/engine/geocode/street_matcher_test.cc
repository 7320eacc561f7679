#include "engine/geocode/street_matcher.h"

#include <gtest/gtest.h>

#include <random>

namespace hotspot {
namespace {

// Plain dynamic-programming Levenshtein with adjacent swaps, no cut-off: the reference for edit_distance.
int brute_osa(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

TEST(StreetMatcherTest, EditDistanceMatchesBruteForce) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> len(0, 9), ch(0, 3);
  for (int t = 0; t < 3000; ++t) {
    std::string a, b;
    for (int i = len(rng); i > 0; --i) a.push_back(static_cast<char>('A' + ch(rng)));
    for (int i = len(rng); i > 0; --i) b.push_back(static_cast<char>('A' + ch(rng)));
    const int want = brute_osa(a, b);
    for (int max = 0; max <= 3; ++max) {
      const int got = StreetMatcher::edit_distance(a, b, max);
      if (want <= max) EXPECT_EQ(got, want) << a << " " << b;
      else EXPECT_EQ(got, max + 1) << a << " " << b;
    }
  }
}

TEST(StreetMatcherTest, ScoresFollowTheDocumentedPenalties) {
  auto s = [](const char* q, const char* r) { return StreetMatcher::score(parse_street_name(q), parse_street_name(r)); };
  EXPECT_EQ(s("NATIONS FORD RD", "NATIONS FORD RD"), 100);
  EXPECT_EQ(s("Nations Ford Road", "NATIONS FORD RD"), 100);
  EXPECT_EQ(s("ARROWOOD RD", "E ARROWOOD RD"), 95);
  EXPECT_EQ(s("E ARROWOOD RD", "ARROWOOD RD"), 92);
  EXPECT_EQ(s("N TRYON ST", "S TRYON ST"), 60);
  EXPECT_EQ(s("TRYON", "TRYON ST"), 95);
  EXPECT_EQ(s("TRYON ST", "TRYON AVE"), 75);
  EXPECT_EQ(s("TRYNO ST", "TRYON ST"), 88);          // swapped letters: one edit
  EXPECT_EQ(s("BEATIES FORD RD", "BEATTIES FORD RD"), 88);
  EXPECT_EQ(s("BEATIS FORD RD", "BEATTIES FORD RD"), 76);
  EXPECT_EQ(s("I-85", "S I-85 EXIT 41 RA"), 75);
  EXPECT_EQ(s("ELM ST", "ELK ST"), 0);                // too short for any edit
  EXPECT_EQ(s("MAIN ST", "TRYON ST"), 0);
}

TEST(StreetMatcherTest, ExactThenTolerantCandidatesBestFirst) {
  StreetMatcher m;
  const uint32_t n_tryon = m.add(parse_street_name("N TRYON ST"));
  const uint32_t s_tryon = m.add(parse_street_name("S TRYON ST"));
  const uint32_t tryon_hills = m.add(parse_street_name("TRYON HILLS RD"));
  const uint32_t beatties = m.add(parse_street_name("BEATTIES FORD RD"));
  const uint32_t ramp_s = m.add(parse_street_name("S I-85 EXIT 41 RA"));
  const uint32_t ramp_n = m.add(parse_street_name("N I-85 EXIT 41 RA"));
  EXPECT_EQ(m.add(parse_street_name("North Tryon Street")), n_tryon);  // same key, same id
  EXPECT_EQ(m.size(), 6u);

  std::vector<StreetMatch> out;
  StreetMatchOptions o;
  m.match(parse_street_name("N TRYON ST"), o, out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].street_id, n_tryon);
  EXPECT_EQ(out[0].score, 100);
  EXPECT_EQ(out.size(), 1u);  // S TRYON ST scores 60 < 70

  // Missing directional: both Tryons tie at 95; the caller sees the tie.
  m.match(parse_street_name("TRYON ST"), o, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].score, 95);
  EXPECT_EQ(out[1].score, 95);
  EXPECT_EQ(out[0].street_id, n_tryon);
  EXPECT_EQ(out[1].street_id, s_tryon);

  // Misspelling: no same-name candidate, so the tolerant tier runs.
  m.match(parse_street_name("BEATIES FORD RD"), o, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].street_id, beatties);
  EXPECT_EQ(out[0].score, 88);
  o.tolerant = false;
  m.match(parse_street_name("BEATIES FORD RD"), o, out);
  EXPECT_TRUE(out.empty());
  o.tolerant = true;

  // Containment: both ramps, tied.
  m.match(parse_street_name("I-85"), o, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].score, 75);
  EXPECT_EQ(out[0].street_id, ramp_s);
  EXPECT_EQ(out[1].street_id, ramp_n);

  // Exhaustive: the tolerant tiers run even though the exact name exists.
  o.exhaustive = true;
  o.min_score = 50;
  m.match(parse_street_name("TRYON"), o, out);
  bool saw_hills = false;
  for (const StreetMatch& c : out) saw_hills = saw_hills || c.street_id == tryon_hills;
  EXPECT_TRUE(saw_hills);

  m.match(parse_street_name("NOWHERE LN"), o, out);
  EXPECT_TRUE(out.empty());
  m.match(StreetName{}, o, out);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace hotspot
