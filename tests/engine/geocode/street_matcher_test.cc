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

// Edits fix letters, never numbers: each pair differs by one edit or two in its number and scores 0 both ways.
TEST(StreetMatcherTest, NumbersAreNeverFuzzy) {
  auto s = [](const char* q, const char* r) { return StreetMatcher::score(parse_street_name(q), parse_street_name(r)); };
  const std::pair<const char*, const char*> different[] = {
      {"E 16TH ST", "E 15TH ST"}, {"E 12TH ST", "E 15TH ST"}, {"E 15TH ST", "E 5TH ST"},
      {"E 15TH ST", "E 150TH ST"}, {"E 36TH ST", "E 37TH ST"}, {"W 24TH ST", "W 25TH ST"},
      {"I-85", "I-77"}, {"I-85", "I-485"}, {"I-85", "I-86"}, {"I-277", "I-77"},
      {"US 29", "US 21"}, {"US 29 HWY", "US 21 HWY"}, {"NC 49", "NC 16"}, {"NC 49", "NC 4"},
      {"N I-77 EXIT 10B RA", "N I-77 EXIT 10C RA"}, {"S I-85 EXIT 41 RA", "S I-85 EXIT 47 RA"},
      {"16TH ST", "1GTH ST"},
  };
  for (const auto& [a, b] : different) {
    const char* how = "";
    EXPECT_EQ(StreetMatcher::score(parse_street_name(a), parse_street_name(b), &how), 0) << a << " vs " << b;
    EXPECT_EQ(s(b, a), 0) << b << " vs " << a;
  }
  const char* how = "";
  StreetMatcher::score(parse_street_name("E 16TH ST"), parse_street_name("E 15TH ST"), &how);
  EXPECT_STREQ(how, "different number");
  // The same number written another way or spelled out, and words beside a number with their usual tolerance.
  struct Same {
    const char* query;
    const char* ref;
    int score;
  };
  const Same same[] = {
      {"E 16 ST", "E 16TH ST", 95},       {"E 16TH ST", "E 16 ST", 95},   {"16TH ST", "E 16 ST", 90},
      {"E SIXTEENTH ST", "E 16TH ST", 100}, {"US 029", "US 29", 95},        {"I-85 SERVCE", "I-85 SERVICE", 88},
      {"I-85", "N I-85 EXIT 41 RA", 75},
  };
  for (const Same& c : same) EXPECT_EQ(s(c.query, c.ref), c.score) << c.query << " vs " << c.ref;
}

TEST(StreetMatcherTest, CandidatesKeepTheirNumber) {
  StreetMatcher m;
  std::vector<uint32_t> ordinal_id(41);
  for (int n = 1; n <= 40; ++n) {
    const char* suffix = (n % 100 >= 11 && n % 100 <= 13) ? "TH" : n % 10 == 1 ? "ST" : n % 10 == 2 ? "ND" : n % 10 == 3 ? "RD" : "TH";
    ordinal_id[static_cast<size_t>(n)] = m.add(parse_street_name("E " + std::to_string(n) + suffix + " ST"));
  }
  const uint32_t i85 = m.add(parse_street_name("I-85"));
  m.add(parse_street_name("I-485"));
  m.add(parse_street_name("I-77"));
  m.add(parse_street_name("I-277"));
  const uint32_t beatties = m.add(parse_street_name("BEATTIES FORD RD"));
  StreetMatchOptions o;
  o.exhaustive = true;
  o.min_score = 1;
  std::vector<StreetMatch> out;
  for (int n = 1; n <= 40; ++n) {
    m.match(parse_street_name("E " + std::to_string(n) + "TH ST"), o, out);  // 1TH, 2TH: a wrong suffix, same number
    ASSERT_EQ(out.size(), 1u) << n;
    EXPECT_EQ(out[0].street_id, ordinal_id[static_cast<size_t>(n)]) << n;
    m.match(parse_street_name("E " + std::to_string(n) + " ST"), o, out);
    ASSERT_EQ(out.size(), 1u) << n;
    EXPECT_EQ(out[0].street_id, ordinal_id[static_cast<size_t>(n)]) << n;
  }
  m.match(parse_street_name("E 150TH ST"), o, out);
  EXPECT_TRUE(out.empty());
  m.match(parse_street_name("I-85"), o, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].street_id, i85);
  m.match(parse_street_name("I-86"), o, out);
  EXPECT_TRUE(out.empty());
  m.match(parse_street_name("BEATIES FORD RD"), o, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].street_id, beatties);
}

}  // namespace
}  // namespace hotspot
