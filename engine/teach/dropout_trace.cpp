#include "teach/dropout_trace.h"

#include <cmath>
#include <string>

#include "layers/dropout/dropout.h"
#include "util/rng.h"

namespace cnn::teach {

Expected<DropoutTrace> trace_dropout(const Planes& maps, float rate, uint64_t seed) {
  const std::string problem = planes_problem(maps, "dropout", kDropoutMaxChannels, kDropoutMaxSide);
  if (!problem.empty()) return make_error(problem);
  if (!(rate >= 0.0f && rate <= kDropoutMaxRate))
    return make_error("dropout: the rate must be from 0 to 0.95, not " + std::to_string(rate));
  LayerSpec spec;
  spec.kind = LayerKind::kDropout;
  spec.rate = rate;
  Dropout layer(spec, maps.shape, maps.shape);
  Rng rng(seed, RngStream::kDropout);
  layer.set_dropout_rng(&rng);
  Tensor x(1, maps.shape), y;
  for (int64_t i = 0; i < x.size(); ++i) x[i] = maps.values[size_t(i)];
  layer.forward(x, y, Mode::kTraining);
  DropoutTrace t;
  t.output = zero_planes(maps.shape);
  t.mask = zero_planes(maps.shape);
  t.total = x.size();
  for (int64_t i = 0; i < x.size(); ++i) {
    t.output.values[size_t(i)] = y[i];
    // Rate 0 draws no mask: the layer passes its input through, every value kept.
    const bool kept = rate == 0.0f || layer.mask()[i] != 0.0f;
    t.mask.values[size_t(i)] = kept ? 1.0f : 0.0f;
    t.kept += kept;
  }
  return t;
}

}  // namespace cnn::teach
