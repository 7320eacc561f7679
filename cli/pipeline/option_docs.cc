#include "cli/pipeline/option_docs.h"

#include "cli/pipeline/common_options.h"
#include "cli/pipeline/disparity_stage.h"
#include "cli/pipeline/emerging_stage.h"
#include "cli/pipeline/gistar_stage.h"
#include "cli/pipeline/ingest_options.h"
#include "cli/pipeline/kde_section.h"
#include "cli/pipeline/map_stage.h"
#include "cli/pipeline/moran_stage.h"
#include "cli/pipeline/near_repeat_stage.h"
#include "cli/pipeline/ohsa_stage.h"
#include "cli/pipeline/shootings_stage.h"
#include "cli/pipeline/option_binding.h"
#include "cli/pipeline/privacy_options.h"
#include "cli/pipeline/references_stage.h"
#include "cli/pipeline/trends_stage.h"

namespace hotspot::cli {

namespace {

template <typename StageOptions>
OptionDoc doc_of(const std::string& section, ConfigColumn column = ConfigColumn::shown) {
  StageOptions options;
  OptionTable t(section);
  options.declare(t);
  return {section, options_markdown(t, column)};
}

}  // namespace

std::vector<OptionDoc> stage_option_docs() {
  std::vector<OptionDoc> docs{doc_of<KdeSectionOptions>("kde"), doc_of<GistarStage::Options>("gistar"),
                              doc_of<ReferencesStage::Options>("geocode"), doc_of<MapStage::Options>("map")};
  IngestOptions ingest;
  OptionTable input("input");
  declare_ingest_options(input, ingest);
  std::string rejects;
  declare_rejects_option(input, rejects);
  docs.insert(docs.begin(), {"input", options_markdown(input)});
  int threads = 0;
  bool overwrite = false, quiet = false;
  OptionTable common;
  declare_common_options(common, threads, overwrite, quiet);
  docs.push_back({"common", options_markdown(common)});
  docs.push_back(doc_of<PrivacyOptions>("privacy"));
  docs.push_back(doc_of<TrendsStage::Options>("trends"));
  docs.push_back(doc_of<EmergingStage::Options>("emerging"));
  // The subcommands no run-config section takes yet: their flags only.
  docs.push_back(doc_of<MoranStage::Options>("moran", ConfigColumn::none));
  docs.push_back(doc_of<OhsaStage::Options>("ohsa", ConfigColumn::none));
  docs.push_back(doc_of<NearRepeatStage::Options>("near_repeat", ConfigColumn::none));
  docs.push_back(doc_of<DisparityStage::Options>("disparity", ConfigColumn::none));
  docs.push_back(doc_of<ShootingsStage::Options>("shootings", ConfigColumn::none));
  return docs;
}

std::string with_option_docs(const std::string& text) {
  std::string out = text;
  for (const OptionDoc& d : stage_option_docs()) {
    const std::string open = "<!-- options:" + d.section + " -->\n", close = "<!-- /options:" + d.section + " -->";
    const size_t a = out.find(open), b = out.find(close);
    if (a == std::string::npos || b == std::string::npos || b < a) continue;
    out.replace(a + open.size(), b - a - open.size(), d.markdown);
  }
  return out;
}

}  // namespace hotspot::cli
