// Choosing the CRSs of an incident source: the CRS its coordinates are in, and the projected CRS all distance work
// uses; each choice is said in a note for the output. Also the area-of-use test every point passes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/extent.h"
#include "geo/gdal/crs.h"
#include "geo/read/incident_columns.h"
#include "geo/read/ingest.h"
#include "geo/read/raw_records.h"

namespace hotspot {

// The CRS of the input coordinates, in this order: the analysis CRS when every record is placed by its address,
// options.source_crs, the source's own (`own`: the layer's or a .prj's), EPSG:4326 for lon/lat column names.
// Sets `note` to how it was chosen. Throws std::invalid_argument for a missing analysis CRS by address or a CRS
// that cannot be read, std::runtime_error naming options.input_path when none is known.
Crs choose_source_crs(const IngestOptions& options, const std::optional<Crs>& own, RawSource::Format format,
                      const IncidentColumns& columns, std::string& note);

// The analysis CRS when the options or the source decide it: options.analysis_crs (must be projected), else the
// source CRS when it is projected; nullopt when it must come from the data. Appends how to `note`. Throws
// std::invalid_argument for a CRS that cannot be read or is not projected.
std::optional<Crs> analysis_crs_from_options(const std::string& analysis_crs, const Crs& source, std::string& note);

// The WGS 84 UTM zone of the median longitude and latitude of the points (EPSG:3857 when there is none). Reorders
// `lons` and `lats`. Appends how to `note`.
Crs analysis_crs_from_points(std::vector<double>& lons, std::vector<double>& lats, std::string& note);

// Whether lon/lat (degrees) is inside a CRS's area of use (west > east: it crosses the antimeridian), with 1e-9
// degrees of slack; true when the area is unknown.
bool in_area_of_use(const std::optional<Extent>& area, double lon, double lat);

}  // namespace hotspot
