#include "geo/map/gistar_styles.h"

#include "engine/core/text.h"

#include <sstream>

namespace hotspot {


namespace {

// "#RRGGBB" -> "r,g,b,255" as QGIS writes colours.
std::string qgis_rgba(const char* hex) {
  const auto byte = [&](int k) { return std::stoi(std::string(hex + 1 + 2 * k, 2), nullptr, 16); };
  return std::to_string(byte(0)) + "," + std::to_string(byte(1)) + "," + std::to_string(byte(2)) + ",255";
}


}  // namespace

std::string gi_bin_qml(const std::string& field, bool outline) {
  const auto& classes = gi_bin_classes();
  std::ostringstream q;
  q << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
    << "<qgis version=\"3.22.16\" styleCategories=\"Symbology\">\n"
    << "  <renderer-v2 type=\"categorizedSymbol\" attr=\"" << markup_escape(field)
    << "\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n"
    << "    <categories>\n";
  for (size_t k = 0; k < classes.size(); ++k)
    q << "      <category render=\"true\" symbol=\"" << k << "\" value=\"" << classes[k].bin << "\" label=\""
      << markup_escape(classes[k].label) << "\"/>\n";
  q << "    </categories>\n    <symbols>\n";
  for (size_t k = 0; k < classes.size(); ++k) {
    const std::string color = qgis_rgba(classes[k].color);
    const std::string outline_style = outline ? "solid" : "no";
    q << "      <symbol type=\"fill\" name=\"" << k << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
      << "        <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
      << "          <Option type=\"Map\">\n"
      << "            <Option name=\"color\" type=\"QString\" value=\"" << color << "\"/>\n"
      << "            <Option name=\"style\" type=\"QString\" value=\"solid\"/>\n"
      << "            <Option name=\"outline_color\" type=\"QString\" value=\"110,110,110,255\"/>\n"
      << "            <Option name=\"outline_style\" type=\"QString\" value=\"" << outline_style << "\"/>\n"
      << "            <Option name=\"outline_width\" type=\"QString\" value=\"0.26\"/>\n"
      << "            <Option name=\"outline_width_unit\" type=\"QString\" value=\"MM\"/>\n"
      << "          </Option>\n"
      << "          <prop k=\"color\" v=\"" << color << "\"/>\n"
      << "          <prop k=\"style\" v=\"solid\"/>\n"
      << "          <prop k=\"outline_color\" v=\"110,110,110,255\"/>\n"
      << "          <prop k=\"outline_style\" v=\"" << outline_style << "\"/>\n"
      << "          <prop k=\"outline_width\" v=\"0.26\"/>\n"
      << "          <prop k=\"outline_width_unit\" v=\"MM\"/>\n"
      << "        </layer>\n"
      << "      </symbol>\n";
  }
  q << "    </symbols>\n"
    << "  </renderer-v2>\n"
    << "  <layerGeometryType>2</layerGeometryType>\n"
    << "</qgis>\n";
  return q.str();
}

}  // namespace hotspot
