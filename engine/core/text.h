// Small text helpers shared by readers and parsers (ASCII case folding, whitespace trimming).
#pragma once

#include <string>
#include <string_view>

namespace hotspot {

// ASCII lower case; other bytes (UTF-8 sequences) are kept as they are.
std::string lower(std::string_view s);

// Without leading and trailing ASCII whitespace.
std::string trim(std::string_view s);

// Text safe inside XML or HTML element content and attribute values: & < > " ' escaped (' as &#39;, valid in both).
std::string markup_escape(std::string_view s);

// `v` with at most `digits` significant digits, as iostreams write it by default ("2000", "1968.5", "2.4e-07").
std::string format_significant(double v, int digits = 6);

// One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view s);

// `v` with exactly `decimals` digits after the point ("96.6", "2000.00").
std::string format_fixed(double v, int decimals);

}  // namespace hotspot
