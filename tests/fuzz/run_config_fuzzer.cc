// libFuzzer target: the run-config parser must reject any malformed text with a ConfigError, never crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/pipeline/run_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    hotspot::cli::RunConfig c = hotspot::cli::parse_run_config(text, "/base", "fuzz.json");
    (void)hotspot::cli::resolved_config_json(c);
  } catch (const hotspot::cli::ConfigError&) {
  }
  return 0;
}
