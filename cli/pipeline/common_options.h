// Options every command has: worker threads, --overwrite and -q. Declared once, in an OptionTable like a stage's.
#pragma once

#include "cli/pipeline/option_table.h"

namespace hotspot::cli {

// Threads is also the run config's top-level `threads`; overwrite and quiet concern the command line only
// (`hotspot run` reads `output.overwrite`).
void declare_common_options(OptionTable& table, int& threads, bool& overwrite, bool& quiet);

}  // namespace hotspot::cli
