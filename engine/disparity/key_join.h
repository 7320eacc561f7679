// A one-to-many join of tables by a shared key, as published incident tables come (officer-involved shootings: one
// row per incident, one per individual shot at, one per officer who fired, all carrying INCIDENT_ID). Keys match
// after trimming spaces and ignoring ASCII case. Nothing is dropped silently: a child row whose key matches no
// parent, a child or parent row with an empty key, and a parent key given twice are each reported.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hotspot {

struct KeyJoin {
  // Per child row: the index of its parent row, or -1 (then its reason is in `child_reason`).
  std::vector<int64_t> parent_of;
  std::vector<std::string> child_reason;   // "" for a matched row, else "empty_key" or "no_such_parent"
  std::vector<int64_t> children_of;        // per parent row: how many child rows joined it
  std::vector<size_t> duplicate_parents;   // parent rows whose key an earlier row already has (the earlier wins)
  std::vector<size_t> empty_parent_keys;   // parent rows with an empty key (nothing can join them)
  size_t matched = 0, unmatched = 0;       // child rows: matched + unmatched == child_keys.size()
};

// The key as compared: spaces trimmed, ASCII letters upper-cased.
std::string normalise_key(std::string_view key);

KeyJoin join_by_key(std::span<const std::string> parent_keys, std::span<const std::string> child_keys);

}  // namespace hotspot
