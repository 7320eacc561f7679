// Numeric columns made categorical for the regression's controls: the driver's age and the officer's years of
// service in bands. Unreadable or missing values give "" (the record is left out of the regression).
#pragma once

#include <string>
#include <string_view>

namespace hotspot {

// Under 18 (kept: CMPD records some), 18-24, 25-34, 35-44, 45-54, 55-64, 65+.
std::string age_band(std::string_view years);

// 0-2, 3-5, 6-10, 11-20, 21+ years of service.
std::string experience_band(std::string_view years);

}  // namespace hotspot
