#include "cli/pipeline/ingest_stage.h"

#include "cli/pipeline/errors.h"

namespace hotspot::cli {

void IngestStage::validate(const Outputs& outputs) {
  if (o_.ingest.input_path.empty()) throw UsageError("INPUT: give the incident file");
  if (!o_.ingest.count_column.empty() && o_.ingest.id_column.empty())
    throw UsageError(name() + ": count_column (--count-col) nets corrections by incident id: give id_column (--id-col) too");
  if (!o_.rejects.empty()) outputs.check_free(o_.rejects);
}

void IngestStage::run(Context& ctx, Outputs& outputs) {
  IngestResult in;
  CoordinateResolver* resolver = resolver_ ? resolver_ : ctx.resolver.get();
  IngestOptions io = o_.ingest;
  if (io.analysis_crs.empty() && ctx.geocoder) io.analysis_crs = ctx.geocoder->crs().wkt();
  if (ctx.input_columns.fields == IngestOptions::KeptFields::all) io.kept_fields = IngestOptions::KeptFields::all;
  io.kept_columns.insert(io.kept_columns.end(), ctx.input_columns.columns.begin(), ctx.input_columns.columns.end());
  io.threads = ctx.threads;
  try {
    in = ingest(io, ctx.progress, resolver);
  } catch (const std::invalid_argument& e) {
    // The reader reports an option it cannot work with (a geographic --crs, an unknown date) this way.
    throw UsageError(name() + ": " + e.what());
  }
  ctx.unmatched = o_.ingest.unmatched;
  for (const std::string& u : in.unmatched) ctx.note_unmatched(name(), u);  // before any file is written
  for (const std::string& w : in.warnings) ctx.note(w);
  const bool publishing = ctx.privacy && ctx.privacy->is_public();  // the rejects hold raw records: never public
  if (!publishing && (outputs.is_folder() || !o_.rejects.empty()))
    write_rejects_csv(in, outputs.path(o_.rejects, "rejects.csv"), outputs.overwrite_allowed());
  ctx.stage_line = in.accounting.summary();
  if (ctx.resolver && ctx.resolver->learns_from_input()) {
    const ReferenceLoadReport& learnt = ctx.resolver->learnt();
    ctx.stage_line += "; block gazetteer: " + std::to_string(learnt.loaded) + " block addresses of " +
                      std::to_string(learnt.features_in) + " records with coordinates";
  }
  if (o_.require_records && in.records.empty()) {
    std::string why = "no points left after filters (" + in.accounting.summary() + "); nothing to analyse";
    for (const std::string& w : in.warnings) why += "; " + w;  // they often say why (swapped, a category's typo)
    throw InputError(in.source_path, 0, "", why);
  }
  ctx.ingest = std::move(in);
}

}  // namespace hotspot::cli
