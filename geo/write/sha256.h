// SHA-256 checksums for a run's manifest, computed by OpenSSL (EVP interface).
#pragma once

#include <string>
#include <string_view>

namespace hotspot {

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// Lower-case hex SHA-256 of a file's bytes; throws std::runtime_error naming the file if it cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace hotspot
