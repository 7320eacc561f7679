#include "cli/commands/near_repeat_command.h"

#include <CLI/CLI.hpp>

#include "cli/commands/ingest_summary.h"
#include "cli/commands/subcommand_stages.h"

namespace hotspot::cli {

int run_near_repeat(const NearRepeatCommandOptions& o, std::ostream& out, std::ostream& err) {
  NearRepeatStage stage(o.near_repeat);
  SubcommandRun how = subcommand_run(o);
  const Context ctx = run_subcommand_stages(o.ingest, {&stage}, how);
  print_ingest_summary(ctx.records(), out, 5);
  out << "\n" << stage.outcome().markdown << "\n";
  for (const std::string& p : stage.outcome().paths) out << "output:    " << p << "\n";
  print_warnings(ctx.notes, err);
  return kExitOk;
}

void register_near_repeat(CLI::App& app, CommandAction& action) {
  CLI::App* sub = app.add_subcommand(
      "near-repeat",
      "The Knox test of near repeats as in Ratcliffe's Near Repeat Calculator: incident pairs per distance x time band, expected counts from shuffled dates, Knox ratio, pseudo p-value; CSV and Markdown table");
  sub->footer(
      "Pairs are found through the KD-tree within the last distance edge; a band holds the pairs above its lower edge\n"
      "up to and including its upper edge (the first band includes its lower edge).\n"
      "Example:\n"
      "  hotspot near-repeat shootings.csv --distance-bands 0,400ft,800ft,1200ft --time-bands 0,7d,14d,21d \\\n"
      "      --permutations 999 -o near_repeat.csv");
  bind_stage_command<NearRepeatCommandOptions>(*sub, action, "near_repeat",
                                               [](NearRepeatCommandOptions& o) -> auto& { return o.near_repeat; },
                                               run_near_repeat);
}

}  // namespace hotspot::cli
