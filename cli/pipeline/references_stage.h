// The geocoder's reference data: the References stage that runs before Ingest (`hotspot geocode`, and `hotspot run`
// for the priority areas, the hot-spot labels and records without coordinates). Loads every reference into one
// geocoder in the analysis CRS and leaves it, and the resolver Ingest places records with, in the Context. A block
// gazetteer can be learnt from the incident records as Ingest reads them, so the input is read once.
#pragma once

#include <string>
#include <vector>

#include "cli/pipeline/option_table.h"
#include "cli/pipeline/stage.h"
#include "geo/geocode/geocoder.h"

namespace hotspot::cli {

class ReferencesStage : public Stage {
 public:
  struct Options {
    // The CRS the references are transformed to; Ingest uses the same. DEFAULT: the first reference's projected
    // CRS, else the UTM zone of its data. REQUIRES: projected; given when there is no reference.
    std::string analysis_crs;
    // Address points, centrelines, named intersections or gazetteers, each with its field roles. DEFAULT: none.
    std::vector<ReferenceSource> references;
    // Intersections computed where centrelines of differently named streets meet. DEFAULT: computed.
    enum class CentrelineCrossings { skip, compute } centreline_crossings = CentrelineCrossings::compute;
    // Matching: minimum score, hundred blocks, tie distance, ... DEFAULT: the geocoder's.
    GeocoderOptions geocoder;
    // Records are placed from these columns (one full address, or parts joined with spaces). DEFAULT: none, records
    // are not placed.
    std::vector<std::string> address_columns;
    // Learn a block gazetteer from the records that have coordinates (their first address column) while Ingest
    // reads them. DEFAULT: not learnt.
    enum class LearnBlocks { no, from_input } learn_blocks = LearnBlocks::no;

    // Declares every option above but analysis_crs (Ingest's, `input.analysis_crs`, which References shares),
    // bound to this struct (which must outlive the table): the flags of `hotspot geocode` and the keys of the run
    // config's `geocode` section.
    void declare(OptionTable& table);
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
