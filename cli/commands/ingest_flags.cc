#include "cli/commands/ingest_flags.h"

#include "cli/pipeline/ingest_options.h"

namespace hotspot::cli {

void add_ingest_flags(CLI::App& app, IngestOptions& o, std::string& rejects, OptionTable& table, CliOptions& cli) {
  declare_ingest_options(table, o);
  declare_rejects_option(table, rejects);
  cli.bind(app, table);
}

void declare_incidents_options(OptionTable& t, IngestOptions& o) {
  declare_ingest_options(t, o);
  for (Option& opt : t.options())
    if (opt.positional) {
      opt.positional = false;
      opt.key = "incidents";
    }
}

}  // namespace hotspot::cli
