// libFuzzer target: the address parser must accept any bytes (garbage, huge numbers, odd separators) and return a
// result or a reason, never crash; and its normalised form must be a fixed point: parsing the normalised text
// again gives the same kind and the same normalised text (a crash, with both texts on stderr, when it does not).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/geocode/address.h"

namespace {

void require_stable(const std::string& input, const hotspot::ParsedAddress& first, bool blocks) {
  const std::string norm = first.normalized();
  hotspot::AddressParseOptions o;
  o.hundreds_are_blocks = blocks;
  const hotspot::ParsedAddress again = hotspot::parse_address(norm, o);
  if (again.normalized() == norm && again.kind == first.kind) return;
  std::fprintf(stderr, "normalised form is not stable (hundreds_are_blocks=%d):\n  input      '%s'\n  normalised '%s' (%s)\n"
               "  reparsed   '%s' (%s)\n", blocks, input.c_str(), norm.c_str(), hotspot::to_string(first.kind),
               again.normalized().c_str(), hotspot::to_string(again.kind));
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (bool blocks : {false, true}) {
    hotspot::AddressParseOptions o;
    o.hundreds_are_blocks = blocks;
    const hotspot::ParsedAddress a = hotspot::parse_address(text, o);
    if (a.kind != hotspot::AddressKind::kEmpty && a.kind != hotspot::AddressKind::kUnparseable) require_stable(text, a, blocks);
    (void)hotspot::parse_street_name(text);
    (void)hotspot::address_tokens(text);
  }
  return 0;
}
