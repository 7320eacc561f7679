#include "engine/core/columns.h"

#include "engine/core/text.h"

namespace hotspot {

std::string column_key(std::string_view name) {
  std::string key;
  for (char ch : name)
    if (ch != ' ' && ch != '-' && ch != '_') key += ch;
  return lower(key);
}

int find_column(const std::vector<std::string>& header, std::string_view name) {
  const std::string want = lower(name);
  for (size_t i = 0; i < header.size(); ++i)
    if (lower(header[i]) == want) return static_cast<int>(i);
  const std::string key = column_key(name);
  for (size_t i = 0; i < header.size(); ++i)
    if (column_key(header[i]) == key) return static_cast<int>(i);
  return -1;
}

std::string column_list(const std::vector<std::string>& header) {
  std::string out;
  for (const std::string& h : header) out += (out.empty() ? "" : ", ") + h;
  return out;
}

}  // namespace hotspot
