// The public profile applied to a layer before it is written (cli/pipeline/privacy_options.h): point layers are left
// out (an incident's position is never published), and each count field (engine/privacy/count_fields.h) has its
// values from 1 to k - 1 suppressed with their complements (engine/privacy/cell_suppression.h, the layer's features
// as a list whose total is published): the value is written null and the feature's SUPPRESSED field says why
// (1 below k, 2 complementary).
#pragma once

#include "cli/pipeline/privacy_options.h"
#include "geo/write/vector_writer.h"

namespace hotspot::cli {

enum class LayerVerdict { write, leave_out };

// Changes `layer` in place for the public profile; internal leaves it as it is.
LayerVerdict apply_privacy(const PrivacyOptions& privacy, VectorLayer& layer);

}  // namespace hotspot::cli
