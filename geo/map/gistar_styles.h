// The QGIS style (.qml) written beside every Gi* output: a categorised renderer on Gi_Bin with ArcGIS's hot spot
// palette, so the layer opens in QGIS looking the way the same result looks in ArcGIS Pro.
//   -3 #4575B5  Cold Spot - 99% Confidence      1 #FAB984  Hot Spot - 90% Confidence
//   -2 #849EBA  Cold Spot - 95% Confidence      2 #ED7551  Hot Spot - 95% Confidence
//   -1 #C0CCBE  Cold Spot - 90% Confidence      3 #D62F27  Hot Spot - 99% Confidence
//    0 #9C9C9C  Not Significant
#pragma once

#include <string>
#include <vector>

#include "geo/map/map_palette.h"  // gi_bin_classes(): the seven classes, -3 .. 3, shared with the maps

namespace hotspot {

// A QGIS 3 .qml for a polygon layer with an integer field `field` (default Gi_Bin). Outlines are off, as in ArcGIS's
// default hot spot rendering of fishnets, unless outline is true (useful for zones).
std::string gi_bin_qml(const std::string& field = "Gi_Bin", bool outline = false);

}  // namespace hotspot
