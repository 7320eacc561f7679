// The geocoder's reference data: the References stage that runs before Ingest in `hotspot run` (named intersections
// for the priority areas and the hot-spot labels; the geocoder that places records without coordinates). The block
// gazetteer is learnt from the incident records as Ingest reads them, so the input is read once.
#pragma once

#include <string>

#include "cli/pipeline/stage.h"

namespace hotspot::cli {

class ReferencesStage : public Stage {
 public:
  struct Options {
    // The analysis CRS the references are transformed to; the records use the same. REQUIRES: given, projected.
    std::string analysis_crs;
    // Named intersections (points; e.g. CDOT signals). DEFAULT: none.
    std::string intersections;
    // Their name field. DEFAULT: detected (UNITDESC, INTERSECTION, NAME, ...).
    std::string intersections_name_column;
    // Place records without coordinates from this address column. DEFAULT: empty, records are not placed.
    std::string address_column;
    // Learn a block gazetteer from the records that have coordinates (their address column). DEFAULT: learnt.
    enum class LearnBlocks { no, from_input } learn_blocks = LearnBlocks::from_input;
    // The geocoder's minimum match score, 0..100. DEFAULT: 70.
    int min_score = 70;
  };

  explicit ReferencesStage(Options options) : o_(std::move(options)) {}
  std::string name() const override { return "references"; }
  void validate(const Outputs& outputs) override;
  void run(Context& context, Outputs& outputs) override;

 private:
  Options o_;
};

// One sentence on the records placed by the geocoder ("412 records had no coordinates; 398 were placed from their
// LOCATION (96.6%)"), with a warning below 85 %; empty when no record needed placing.
std::string placement_note(const GeocodingResolver& resolver, const std::string& address_column);

}  // namespace hotspot::cli
