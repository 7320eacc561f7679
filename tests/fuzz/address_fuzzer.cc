// libFuzzer target: the address parser must accept any bytes (garbage, huge numbers, odd separators) and return a
// result or a reason, never crash; parsing its own normalised form must be stable.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/geocode/address.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (bool blocks : {false, true}) {
    hotspot::AddressParseOptions o;
    o.hundreds_are_blocks = blocks;
    const hotspot::ParsedAddress a = hotspot::parse_address(text, o);
    const std::string norm = a.normalized();
    (void)hotspot::parse_address(norm, o);
    (void)hotspot::parse_street_name(text);
    (void)hotspot::address_tokens(text);
  }
  return 0;
}
