// QGIS styles and a QGIS project for the map layers, so that opening the output folder in QGIS shows them styled:
// a .qml for a density raster (singlebandpseudocolor with the sequential density ramp), a .qml translating a map
// layer's style (single symbol, or categorized by a property), and a .qgs project that references each layer by a
// path relative to the project and carries each layer's style: the layer's own <stem>.qml sidecar when one exists
// (e.g. the Gi_Bin style written with the Gi* cells), else the style given here, else QGIS's default.
// Written for QGIS 3.22 (Debian 12) and later.
#pragma once

#include <string>
#include <vector>

#include "geo/map/density_image.h"
#include "geo/map/map_palette.h"
#include "geo/map/map_spec.h"
#include "geo/write/vector_writer.h"

namespace hotspot {

// Values <= range.min_value transparent, then the ramp from min to max, values above max in the top colour.
// `unit` goes into the class labels ("12.3 incidents per km²").
std::string density_raster_qml(const DensityRange& range, const std::string& unit = "", double opacity = 0.85,
                               const std::vector<RampStop>& ramp = density_ramp());

// A vector .qml from a map layer's style: fill, outline (width in px converted at 96 dpi), dashes, point size;
// categorized when the style has a category_field.
std::string vector_layer_qml(const LayerStyle& style, GeometryKind geometry);

// Writes `qml` beside a data file as <stem>.qml (through AtomicOutput); returns the .qml's path.
std::string write_qml_sidecar(const std::string& data_path, const std::string& qml, bool overwrite);

struct QgsLayer {
  std::string name;          // the name in QGIS's layer panel
  std::string path;          // the data file (absolute or relative to the current folder)
  bool raster = false;
  std::string source_layer;  // layer within a multi-layer vector file; empty = the first
  std::string qml;           // style used when there is no <stem>.qml beside the file; empty = QGIS's default
  bool visible = true;
};

struct QgsProjectOptions {
  std::string path;   // e.g. "out/hotspot.qgs"
  std::string title = "Hotspot map";
  std::string crs;    // project CRS; empty = the first layer's
  bool overwrite = false;
};

// Layers are given bottom first (drawing order, as in MapSpec). Throws std::runtime_error naming a file that cannot
// be opened or has no CRS.
void write_qgis_project(const std::vector<QgsLayer>& layers, const QgsProjectOptions& options);

// The project's layers for a MapSpec: its rasters with density_raster_qml and its file-backed layers with
// vector_layer_qml (layers given only as GeoJSON text cannot be referenced and are skipped).
std::vector<QgsLayer> qgis_layers_for(const MapSpec& spec);

}  // namespace hotspot
