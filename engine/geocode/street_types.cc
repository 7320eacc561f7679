#include "engine/geocode/street_types.h"

#include <string>
#include <unordered_map>

namespace hotspot {

namespace {

struct Alias {
  const char* written;
  const char* standard;
};

// USPS Publication 28, appendix C1 (primary street suffix names): written forms -> standard abbreviation.
// Each standard abbreviation maps to itself through the first entry of its group. Local forms follow at the end.
constexpr Alias kStreetTypes[] = {
    {"ALLEY", "ALY"}, {"ALY", "ALY"}, {"ALLEE", "ALY"}, {"ALLY", "ALY"},
    {"ANEX", "ANX"}, {"ANX", "ANX"}, {"ANNEX", "ANX"}, {"ANNX", "ANX"},
    {"ARCADE", "ARC"}, {"ARC", "ARC"},
    {"AVENUE", "AVE"}, {"AVE", "AVE"}, {"AVEN", "AVE"}, {"AVENU", "AVE"}, {"AVN", "AVE"}, {"AVNUE", "AVE"},
    {"BAYOU", "BYU"}, {"BYU", "BYU"}, {"BAYOO", "BYU"},
    {"BEACH", "BCH"}, {"BCH", "BCH"},
    {"BEND", "BND"}, {"BND", "BND"},
    {"BLUFF", "BLF"}, {"BLF", "BLF"}, {"BLUF", "BLF"},
    {"BOTTOM", "BTM"}, {"BTM", "BTM"}, {"BOT", "BTM"}, {"BOTTM", "BTM"},
    {"BOULEVARD", "BLVD"}, {"BLVD", "BLVD"}, {"BOUL", "BLVD"}, {"BOULV", "BLVD"},
    {"BRANCH", "BR"}, {"BR", "BR"}, {"BRNCH", "BR"},
    {"BRIDGE", "BRG"}, {"BRG", "BRG"}, {"BRDGE", "BRG"},
    {"BROOK", "BRK"}, {"BRK", "BRK"},
    {"BYPASS", "BYP"}, {"BYP", "BYP"}, {"BYPA", "BYP"}, {"BYPAS", "BYP"}, {"BYPS", "BYP"},
    {"CAMP", "CP"}, {"CP", "CP"}, {"CMP", "CP"},
    {"CANYON", "CYN"}, {"CYN", "CYN"}, {"CANYN", "CYN"}, {"CNYN", "CYN"},
    {"CAPE", "CPE"}, {"CPE", "CPE"},
    {"CAUSEWAY", "CSWY"}, {"CSWY", "CSWY"}, {"CAUSWA", "CSWY"},
    {"CENTER", "CTR"}, {"CTR", "CTR"}, {"CEN", "CTR"}, {"CENT", "CTR"}, {"CENTR", "CTR"}, {"CENTRE", "CTR"},
    {"CNTER", "CTR"}, {"CNTR", "CTR"},
    {"CIRCLE", "CIR"}, {"CIR", "CIR"}, {"CIRC", "CIR"}, {"CIRCL", "CIR"}, {"CRCL", "CIR"}, {"CRCLE", "CIR"},
    {"CLIFF", "CLF"}, {"CLF", "CLF"},
    {"CLUB", "CLB"}, {"CLB", "CLB"},
    {"COMMON", "CMN"}, {"CMN", "CMN"},
    {"CORNER", "COR"}, {"COR", "COR"},
    {"COURSE", "CRSE"}, {"CRSE", "CRSE"},
    {"COURT", "CT"}, {"CT", "CT"},
    {"COVE", "CV"}, {"CV", "CV"},
    {"CREEK", "CRK"}, {"CRK", "CRK"},
    {"CRESCENT", "CRES"}, {"CRES", "CRES"}, {"CRSENT", "CRES"}, {"CRSNT", "CRES"},
    {"CROSSING", "XING"}, {"XING", "XING"}, {"CRSSNG", "XING"},
    {"CROSSROAD", "XRD"}, {"XRD", "XRD"},
    {"CURVE", "CURV"}, {"CURV", "CURV"},
    {"DALE", "DL"}, {"DL", "DL"},
    {"DAM", "DM"}, {"DM", "DM"},
    {"DIVIDE", "DV"}, {"DV", "DV"}, {"DIV", "DV"}, {"DVD", "DV"},
    {"DRIVE", "DR"}, {"DR", "DR"}, {"DRIV", "DR"}, {"DRV", "DR"},
    {"ESTATE", "EST"}, {"EST", "EST"}, {"ESTATES", "ESTS"}, {"ESTS", "ESTS"},
    {"EXPRESSWAY", "EXPY"}, {"EXPY", "EXPY"}, {"EXP", "EXPY"}, {"EXPR", "EXPY"}, {"EXPRESS", "EXPY"}, {"EXPW", "EXPY"},
    {"EXTENSION", "EXT"}, {"EXT", "EXT"}, {"EXTN", "EXT"}, {"EXTNSN", "EXT"},
    {"FALLS", "FLS"}, {"FLS", "FLS"},
    {"FERRY", "FRY"}, {"FRY", "FRY"}, {"FRRY", "FRY"},
    {"FIELD", "FLD"}, {"FLD", "FLD"}, {"FIELDS", "FLDS"}, {"FLDS", "FLDS"},
    {"FLAT", "FLT"}, {"FLT", "FLT"},
    {"FORD", "FRD"}, {"FRD", "FRD"},
    {"FOREST", "FRST"}, {"FRST", "FRST"}, {"FORESTS", "FRST"},
    {"FORGE", "FRG"}, {"FRG", "FRG"}, {"FORG", "FRG"},
    {"FORK", "FRK"}, {"FRK", "FRK"},
    {"FORT", "FT"}, {"FT", "FT"}, {"FRT", "FT"},
    {"FREEWAY", "FWY"}, {"FWY", "FWY"}, {"FREEWY", "FWY"}, {"FRWAY", "FWY"}, {"FRWY", "FWY"},
    {"GARDEN", "GDN"}, {"GDN", "GDN"}, {"GARDN", "GDN"}, {"GRDEN", "GDN"}, {"GRDN", "GDN"},
    {"GARDENS", "GDNS"}, {"GDNS", "GDNS"},
    {"GATEWAY", "GTWY"}, {"GTWY", "GTWY"}, {"GATEWY", "GTWY"}, {"GATWAY", "GTWY"},
    {"GLEN", "GLN"}, {"GLN", "GLN"},
    {"GREEN", "GRN"}, {"GRN", "GRN"},
    {"GROVE", "GRV"}, {"GRV", "GRV"}, {"GROV", "GRV"},
    {"HARBOR", "HBR"}, {"HBR", "HBR"}, {"HARB", "HBR"}, {"HARBR", "HBR"},
    {"HAVEN", "HVN"}, {"HVN", "HVN"},
    {"HEIGHTS", "HTS"}, {"HTS", "HTS"}, {"HT", "HTS"},
    {"HIGHWAY", "HWY"}, {"HWY", "HWY"}, {"HIGHWY", "HWY"}, {"HIWAY", "HWY"}, {"HIWY", "HWY"}, {"HWAY", "HWY"},
    {"HILL", "HL"}, {"HL", "HL"}, {"HILLS", "HLS"}, {"HLS", "HLS"},
    {"HOLLOW", "HOLW"}, {"HOLW", "HOLW"}, {"HLLW", "HOLW"}, {"HOLLOWS", "HOLW"}, {"HOLWS", "HOLW"},
    {"ISLAND", "IS"}, {"IS", "IS"}, {"ISLND", "IS"},
    {"JUNCTION", "JCT"}, {"JCT", "JCT"}, {"JCTION", "JCT"}, {"JCTN", "JCT"}, {"JUNCTN", "JCT"}, {"JUNCTON", "JCT"},
    {"KNOLL", "KNL"}, {"KNL", "KNL"}, {"KNOL", "KNL"},
    {"LAKE", "LK"}, {"LK", "LK"}, {"LAKES", "LKS"}, {"LKS", "LKS"},
    {"LANDING", "LNDG"}, {"LNDG", "LNDG"}, {"LNDNG", "LNDG"},
    {"LANE", "LN"}, {"LN", "LN"},
    {"LOOP", "LOOP"}, {"LOOPS", "LOOP"},
    {"MALL", "MALL"},
    {"MANOR", "MNR"}, {"MNR", "MNR"},
    {"MEADOW", "MDW"}, {"MDW", "MDW"}, {"MEADOWS", "MDWS"}, {"MDWS", "MDWS"}, {"MEDOWS", "MDWS"},
    {"MILL", "ML"}, {"ML", "ML"}, {"MILLS", "MLS"}, {"MLS", "MLS"},
    {"MOTORWAY", "MTWY"}, {"MTWY", "MTWY"},
    {"MOUNT", "MT"}, {"MT", "MT"}, {"MNT", "MT"},
    {"MOUNTAIN", "MTN"}, {"MTN", "MTN"}, {"MNTAIN", "MTN"}, {"MNTN", "MTN"}, {"MOUNTIN", "MTN"}, {"MTIN", "MTN"},
    {"OVAL", "OVAL"}, {"OVL", "OVAL"},
    {"OVERPASS", "OPAS"}, {"OPAS", "OPAS"},
    {"PARK", "PARK"}, {"PRK", "PARK"}, {"PARKS", "PARK"},
    {"PARKWAY", "PKWY"}, {"PKWY", "PKWY"}, {"PARKWY", "PKWY"}, {"PKWAY", "PKWY"}, {"PKY", "PKWY"},
    {"PARKWAYS", "PKWY"}, {"PKWYS", "PKWY"},
    {"PASS", "PASS"},
    {"PASSAGE", "PSGE"}, {"PSGE", "PSGE"},
    {"PATH", "PATH"}, {"PATHS", "PATH"},
    {"PIKE", "PIKE"}, {"PIKES", "PIKE"},
    {"PINE", "PNE"}, {"PNE", "PNE"}, {"PINES", "PNES"}, {"PNES", "PNES"},
    {"PLACE", "PL"}, {"PL", "PL"},
    {"PLAIN", "PLN"}, {"PLN", "PLN"},
    {"PLAZA", "PLZ"}, {"PLZ", "PLZ"}, {"PLZA", "PLZ"},
    {"POINT", "PT"}, {"PT", "PT"}, {"POINTS", "PTS"}, {"PTS", "PTS"},
    {"PORT", "PRT"}, {"PRT", "PRT"},
    {"RAMP", "RAMP"},
    {"RANCH", "RNCH"}, {"RNCH", "RNCH"}, {"RANCHES", "RNCH"}, {"RNCHS", "RNCH"},
    {"RIDGE", "RDG"}, {"RDG", "RDG"}, {"RDGE", "RDG"}, {"RIDGES", "RDGS"}, {"RDGS", "RDGS"},
    {"RIVER", "RIV"}, {"RIV", "RIV"}, {"RVR", "RIV"}, {"RIVR", "RIV"},
    {"ROAD", "RD"}, {"RD", "RD"}, {"ROADS", "RDS"}, {"RDS", "RDS"},
    {"ROUTE", "RTE"}, {"RTE", "RTE"},
    {"ROW", "ROW"},
    {"RUN", "RUN"},
    {"SHOAL", "SHL"}, {"SHL", "SHL"},
    {"SHORE", "SHR"}, {"SHR", "SHR"}, {"SHOAR", "SHR"},
    {"SKYWAY", "SKWY"}, {"SKWY", "SKWY"},
    {"SPRING", "SPG"}, {"SPG", "SPG"}, {"SPNG", "SPG"}, {"SPRNG", "SPG"}, {"SPRINGS", "SPGS"}, {"SPGS", "SPGS"},
    {"SQUARE", "SQ"}, {"SQ", "SQ"}, {"SQR", "SQ"}, {"SQRE", "SQ"}, {"SQU", "SQ"},
    {"STATION", "STA"}, {"STA", "STA"}, {"STATN", "STA"}, {"STN", "STA"},
    {"STREET", "ST"}, {"ST", "ST"}, {"STR", "ST"}, {"STRT", "ST"},
    {"SUMMIT", "SMT"}, {"SMT", "SMT"}, {"SUMIT", "SMT"}, {"SUMITT", "SMT"},
    {"TERRACE", "TER"}, {"TER", "TER"}, {"TERR", "TER"},
    {"THROUGHWAY", "TRWY"}, {"TRWY", "TRWY"},
    {"TRACE", "TRCE"}, {"TRCE", "TRCE"}, {"TRACES", "TRCE"},
    {"TRACK", "TRAK"}, {"TRAK", "TRAK"}, {"TRACKS", "TRAK"}, {"TRK", "TRAK"}, {"TRKS", "TRAK"},
    {"TRAIL", "TRL"}, {"TRL", "TRL"}, {"TRAILS", "TRL"}, {"TRLS", "TRL"},
    {"TUNNEL", "TUNL"}, {"TUNL", "TUNL"}, {"TUNEL", "TUNL"}, {"TUNLS", "TUNL"},
    {"TURNPIKE", "TPKE"}, {"TPKE", "TPKE"}, {"TRNPK", "TPKE"}, {"TURNPK", "TPKE"},
    {"UNDERPASS", "UPAS"}, {"UPAS", "UPAS"},
    {"VALLEY", "VLY"}, {"VLY", "VLY"}, {"VALLY", "VLY"}, {"VLLY", "VLY"},
    {"VIEW", "VW"}, {"VW", "VW"}, {"VIEWS", "VWS"}, {"VWS", "VWS"},
    {"VILLAGE", "VLG"}, {"VLG", "VLG"}, {"VILL", "VLG"}, {"VILLAG", "VLG"}, {"VILLG", "VLG"},
    {"VISTA", "VIS"}, {"VIS", "VIS"}, {"VIST", "VIS"}, {"VST", "VIS"}, {"VSTA", "VIS"},
    {"WALK", "WALK"}, {"WALKS", "WALK"},
    {"WAY", "WAY"}, {"WY", "WAY"}, {"WAYS", "WAYS"},
    {"WELL", "WL"}, {"WL", "WL"}, {"WELLS", "WLS"}, {"WLS", "WLS"},
    // Local forms of CMPD incident LOCATION values and CDOT signal names (two-letter codes not in Publication 28).
    // In Charlotte data TR is Terrace (VALENCIA TR), TL Trail, FR Freeway (W BROOKSHIRE FR), DY a driveway.
    {"AV", "AVE"}, {"BV", "BLVD"}, {"BL", "BLVD"}, {"HY", "HWY"}, {"PY", "PKWY"}, {"PW", "PKWY"}, {"CR", "CIR"},
    {"CI", "CIR"}, {"TL", "TRL"}, {"TR", "TER"}, {"FR", "FWY"}, {"AL", "ALY"}, {"DY", "DY"}, {"RA", "RAMP"}, {"RP", "RAMP"}, {"EX", "EXPY"}, {"FY", "FWY"},
    {"TE", "TER"}, {"CV", "CV"}, {"LP", "LOOP"}, {"PZ", "PLZ"}, {"SQ", "SQ"}, {"XG", "XING"}, {"CS", "CRES"},
    {"WK", "WALK"}, {"PA", "PATH"}, {"RW", "ROW"}, {"RN", "RUN"}, {"GR", "GRV"}, {"HT", "HTS"}, {"BY", "BYP"},
};

constexpr Alias kDirectionals[] = {
    {"N", "N"}, {"NORTH", "N"}, {"S", "S"}, {"SOUTH", "S"}, {"E", "E"}, {"EAST", "E"}, {"W", "W"}, {"WEST", "W"},
    {"NE", "NE"}, {"NORTHEAST", "NE"}, {"NW", "NW"}, {"NORTHWEST", "NW"},
    {"SE", "SE"}, {"SOUTHEAST", "SE"}, {"SW", "SW"}, {"SOUTHWEST", "SW"},
};

// USPS Publication 28, appendix C2 (secondary unit designators), plus "#".
constexpr Alias kUnits[] = {
    {"APARTMENT", "APT"}, {"APT", "APT"}, {"BASEMENT", "BSMT"}, {"BSMT", "BSMT"}, {"BUILDING", "BLDG"},
    {"BLDG", "BLDG"}, {"DEPARTMENT", "DEPT"}, {"DEPT", "DEPT"}, {"FLOOR", "FL"}, {"FL", "FL"}, {"FRONT", "FRNT"},
    {"FRNT", "FRNT"}, {"HANGAR", "HNGR"}, {"HNGR", "HNGR"}, {"LOBBY", "LBBY"}, {"LBBY", "LBBY"}, {"LOT", "LOT"},
    {"LOWER", "LOWR"}, {"LOWR", "LOWR"}, {"OFFICE", "OFC"}, {"OFC", "OFC"}, {"PENTHOUSE", "PH"}, {"PH", "PH"},
    {"PIER", "PIER"}, {"REAR", "REAR"}, {"ROOM", "RM"}, {"RM", "RM"}, {"SIDE", "SIDE"}, {"SLIP", "SLIP"},
    {"SPACE", "SPC"}, {"SPC", "SPC"}, {"STOP", "STOP"}, {"SUITE", "STE"}, {"STE", "STE"}, {"TRAILER", "TRLR"},
    {"TRLR", "TRLR"}, {"UNIT", "UNIT"}, {"UPPER", "UPPR"}, {"UPPR", "UPPR"}, {"#", "#"},
};

constexpr Alias kOrdinals[] = {
    {"FIRST", "1ST"}, {"SECOND", "2ND"}, {"THIRD", "3RD"}, {"FOURTH", "4TH"}, {"FIFTH", "5TH"},
    {"SIXTH", "6TH"}, {"SEVENTH", "7TH"}, {"EIGHTH", "8TH"}, {"NINTH", "9TH"}, {"TENTH", "10TH"},
    {"ELEVENTH", "11TH"}, {"TWELFTH", "12TH"}, {"THIRTEENTH", "13TH"}, {"FOURTEENTH", "14TH"},
    {"FIFTEENTH", "15TH"}, {"SIXTEENTH", "16TH"}, {"SEVENTEENTH", "17TH"}, {"EIGHTEENTH", "18TH"},
    {"NINETEENTH", "19TH"}, {"TWENTIETH", "20TH"},
};

using Table = std::unordered_map<std::string_view, std::string_view>;

template <size_t N>
Table build(const Alias (&aliases)[N]) {
  Table t;
  t.reserve(N * 2);
  for (const Alias& a : aliases) t.emplace(a.written, a.standard);  // first entry wins
  return t;
}

std::string_view lookup(const Table& t, std::string_view token) {
  auto it = t.find(token);
  return it == t.end() ? std::string_view() : it->second;
}

}  // namespace

std::string_view standard_street_type(std::string_view token) {
  static const Table t = build(kStreetTypes);
  return lookup(t, token);
}

std::string_view standard_directional(std::string_view token) {
  static const Table t = build(kDirectionals);
  return lookup(t, token);
}

std::string_view standard_unit_designator(std::string_view token) {
  static const Table t = build(kUnits);
  return lookup(t, token);
}

std::string_view ordinal_word_to_number(std::string_view token) {
  static const Table t = build(kOrdinals);
  return lookup(t, token);
}

}  // namespace hotspot
