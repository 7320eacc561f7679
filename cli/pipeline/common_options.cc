#include "cli/pipeline/common_options.h"

namespace hotspot::cli {

void declare_common_options(OptionTable& t, int& threads, bool& overwrite, bool& quiet) {
  t.integer("threads", "Worker threads; 0 = all cores (the result is identical for any count)", threads, 0, 1024);
  t.flag("overwrite", "Replace existing output files", overwrite).config = false;
  Option& q = t.flag("quiet", "No progress on stderr", quiet);
  q.short_flag = "q";
  q.config = false;
}

}  // namespace hotspot::cli
