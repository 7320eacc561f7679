// How a stop's driver is put in one group for the tables.
//
// - kHispanicFirst: a driver recorded with Hispanic ethnicity is "Hispanic" whatever the race field says; everyone
//   else takes the race field. This is how the NC State Bureau of Investigation's traffic stop statistics (and the
//   analyses built on them) form groups, since NC records race and ethnicity separately.
// - kRaceOnly: the race field as it is (ethnicity ignored).
// Values are trimmed of surrounding spaces first.
#pragma once

#include <string>
#include <string_view>

namespace hotspot {

enum class GroupRule { kRaceOnly, kHispanicFirst };

inline constexpr const char* kHispanicGroup = "Hispanic";

// `hispanic_value`: the ethnicity value that means Hispanic (compared ignoring ASCII case, after trimming).
std::string driver_group(std::string_view race, std::string_view ethnicity, GroupRule rule,
                         std::string_view hispanic_value = kHispanicGroup);

}  // namespace hotspot
