#include "cli/pipeline/privacy_layers.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "engine/privacy/cell_suppression.h"
#include "engine/privacy/count_fields.h"

namespace hotspot::cli {

namespace {

std::optional<int64_t> as_count(const FieldValue& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v); d && std::isfinite(*d) && *d == std::floor(*d))
    return static_cast<int64_t>(*d);
  return std::nullopt;
}

// Suppresses one count field; marks the features in `flag` (1 below k, 2 complementary; a primary wins).
void suppress_field(VectorLayer& layer, size_t field, int k, std::vector<int64_t>& flag) {
  const std::string& name = layer.fields[field].name;
  std::vector<int64_t> counts;
  for (const VectorFeature& f : layer.features) counts.push_back(as_count(f.values[field]).value_or(0));
  const SuppressionResult s = suppress_small_counts(counts, k);
  for (size_t i = 0; i < layer.features.size(); ++i) {
    const Suppressed st = s.cell(0, i);
    if (st == Suppressed::no) continue;
    layer.features[i].values[field] = std::monostate{};
    for (size_t d = 0; d < layer.fields.size(); ++d)  // its rates and shares go with it
      if (layer.fields[d].type != FieldType::kString && is_derived_from(layer.fields[d].name, name))
        layer.features[i].values[d] = std::monostate{};
    if (st == Suppressed::primary) flag[i] = 1;
    else if (flag[i] == 0) flag[i] = 2;
  }
}

}  // namespace

LayerVerdict apply_privacy(const PrivacyOptions& privacy, VectorLayer& layer) {
  if (!privacy.is_public()) return LayerVerdict::write;
  if (layer.kind == GeometryKind::kPoint) return LayerVerdict::leave_out;
  std::vector<int64_t> flag(layer.features.size(), 0);
  for (size_t f = 0; f < layer.fields.size(); ++f)
    if (layer.fields[f].type != FieldType::kString && is_count_name(layer.fields[f].name))
      suppress_field(layer, f, privacy.min_count, flag);
  layer.fields.push_back({"SUPPRESSED", FieldType::kInteger});
  for (size_t i = 0; i < layer.features.size(); ++i) layer.features[i].values.push_back(flag[i]);
  return LayerVerdict::write;
}

}  // namespace hotspot::cli
