#include "engine/disparity/group_rule.h"

#include "engine/core/text.h"

namespace hotspot {

std::string driver_group(std::string_view race, std::string_view ethnicity, GroupRule rule,
                         std::string_view hispanic_value) {
  if (rule == GroupRule::kHispanicFirst && lower(trim(ethnicity)) == lower(trim(hispanic_value)))
    return kHispanicGroup;
  return trim(race);
}

}  // namespace hotspot
