#include "cli/pipeline/stage.h"

#include <chrono>
#include <iomanip>

#include "cli/pipeline/config_object.h"
#include "cli/pipeline/errors.h"

namespace hotspot::cli {

void run_stages(const std::vector<Stage*>& stages, Context& context, Outputs& outputs) {
  for (Stage* s : stages) s->validate(outputs);
  for (Stage* s : stages) s->declare_input_columns(context.input_columns);
  for (Stage* s : stages) {
    const auto start = std::chrono::steady_clock::now();
    try {
      s->run(context, outputs);
    } catch (const UsageError&) {
      throw;
    } catch (const InputError&) {
      throw;
    } catch (const ConfigError&) {
      throw;
    } catch (const StageError&) {
      throw;
    } catch (const std::exception& e) {
      throw StageError(s->name(), e.what());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    context.stage_seconds.emplace_back(s->name(), seconds);
    if (context.log) {
      *context.log << "[" << s->name() << "] " << context.stage_line << " (" << std::fixed << std::setprecision(2)
                   << seconds << " s)\n"
                   << std::defaultfloat << std::flush;
    }
    context.stage_line.clear();
  }
}

}  // namespace hotspot::cli
