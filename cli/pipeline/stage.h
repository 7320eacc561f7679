// A stage of the pipeline every command is made of (PDAL's lifecycle, reduced): validate() makes every cross-option
// check and fills derived defaults before any input is read; run() reads what earlier stages left in the Context and
// adds its own results, writing files through Outputs. A command is a list of stages; run_stages() validates them
// all, then runs them in order, timing each and naming the stage in any failure.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/pipeline/context.h"
#include "cli/pipeline/outputs.h"

namespace hotspot::cli {

class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string name() const = 0;
  // Throws UsageError. Must not read any input.
  virtual void validate(const Outputs& outputs) {}
  // Adds the input columns run() reads from the accepted records; called after validate(), before any run().
  virtual void declare_input_columns(InputColumns& columns) const {}
  virtual void run(Context& context, Outputs& outputs) = 0;
};

// Validates every stage, then runs each in order. UsageError and InputError pass through; any other failure is
// rethrown as StageError("<stage>", what). A line per stage goes to context.log when set.
void run_stages(const std::vector<Stage*>& stages, Context& context, Outputs& outputs);

}  // namespace hotspot::cli
