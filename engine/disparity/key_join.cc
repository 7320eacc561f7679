#include "engine/disparity/key_join.h"

#include <cctype>
#include <unordered_map>

namespace hotspot {

std::string normalise_key(std::string_view key) {
  size_t b = 0, e = key.size();
  while (b < e && std::isspace(static_cast<unsigned char>(key[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(key[e - 1]))) --e;
  std::string out(key.substr(b, e - b));
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

KeyJoin join_by_key(std::span<const std::string> parent_keys, std::span<const std::string> child_keys) {
  KeyJoin j;
  j.children_of.assign(parent_keys.size(), 0);
  std::unordered_map<std::string, size_t> index;
  for (size_t p = 0; p < parent_keys.size(); ++p) {
    const std::string key = normalise_key(parent_keys[p]);
    if (key.empty()) {
      j.empty_parent_keys.push_back(p);
    } else if (!index.emplace(key, p).second) {
      j.duplicate_parents.push_back(p);
    }
  }
  j.parent_of.assign(child_keys.size(), -1);
  j.child_reason.assign(child_keys.size(), "");
  for (size_t c = 0; c < child_keys.size(); ++c) {
    const std::string key = normalise_key(child_keys[c]);
    const auto it = key.empty() ? index.end() : index.find(key);
    if (it == index.end()) {
      j.child_reason[c] = key.empty() ? "empty_key" : "no_such_parent";
      ++j.unmatched;
      continue;
    }
    j.parent_of[c] = static_cast<int64_t>(it->second);
    ++j.children_of[it->second];
    ++j.matched;
  }
  return j;
}

}  // namespace hotspot
