#include "geo/write/sha256.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <stdexcept>

#include "tests/test_support.h"

namespace hotspot {
namespace {

// FIPS 180-4 examples (NIST CSRC "SHA256.pdf" and the one-million-'a' vector).
TEST(Sha256Test, NistTestVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// A file read in many pieces (one million bytes, larger than the read buffer) gives the NIST digest.
TEST(Sha256Test, FileReadInPiecesGivesTheNistDigest) {
  testing::TempDir d;
  const std::string path = d.write("a.bin", std::string(1000000, 'a'));
  EXPECT_EQ(sha256_file(path), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  EXPECT_EQ(sha256_file(d.write("empty.bin", "")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// The checksum of a bundled data file agrees with coreutils' sha256sum.
TEST(Sha256Test, AgreesWithSha256sumOnBundledData) {
  const std::string path = testing::charlotte("cmpd_incidents_sample.csv");
  FILE* p = ::popen(("sha256sum '" + path + "'").c_str(), "r");
  ASSERT_NE(p, nullptr);
  char line[128] = {};
  const bool got = std::fgets(line, sizeof line, p) != nullptr;
  const int rc = ::pclose(p);
  if (!got || rc != 0) GTEST_SKIP() << "sha256sum is not available";
  EXPECT_EQ(sha256_file(path), std::string(line, 64));
}

TEST(Sha256Test, MissingFileNamesThePath) {
  try {
    sha256_file("/nonexistent/hotspot-input.csv");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/hotspot-input.csv"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace hotspot
