#include "protocol/teach_commands.h"

#include "teach/conv_backward_trace.h"
#include "teach/conv_trace.h"
#include "teach/dropout_trace.h"
#include "teach/network_inspect.h"
#include "teach/optimizer_path.h"
#include "teach/pool_trace.h"
#include "teach/separable_trace.h"

namespace cnn::protocol {
namespace {

teach::Planes planes(const Image& image) {
  return teach::Planes{Shape3{image.channels, image.height, image.width}, image.values};
}

Image image(teach::Planes p) { return Image{p.shape.c, p.shape.h, p.shape.w, std::move(p.values)}; }

ReceptiveField field(const teach::FieldAxis& a) { return ReceptiveField{a.size, a.jump, a.first}; }

teach::SurfaceKind surface_kind(Surface s) {
  return s == Surface::kRosenbrock ? teach::SurfaceKind::kRosenbrock
         : s == Surface::kSaddle   ? teach::SurfaceKind::kSaddle
                                   : teach::SurfaceKind::kBowl;
}

OptimizerKind optimizer_kind(Optimizer o) {
  return o == Optimizer::kAdam ? OptimizerKind::kAdam : o == Optimizer::kMomentum ? OptimizerKind::kMomentum
                                                                                  : OptimizerKind::kSgd;
}

}  // namespace

Event answer(const TraceConvolution& m) {
  teach::ConvTraceRequest r;
  r.input = planes(m.input);
  r.kernel = planes(m.kernel);
  r.bias = m.bias;
  r.padding = m.padding;
  r.stride = m.stride;
  r.flip = m.flip;
  r.out_y = m.out_y;
  r.out_x = m.out_x;
  Expected<teach::ConvTrace> t = teach::trace_convolution(r);
  if (!t) return ErrorRaised{m.request_id, t.error()};
  ConvolutionTraced e;
  e.request_id = m.request_id;
  e.padded = image(std::move(t->padded));
  e.kernel = image(std::move(t->kernel));
  e.output = image(std::move(t->output));
  e.out_y = m.out_y;
  e.out_x = m.out_x;
  e.window_y = t->window_y;
  e.window_x = t->window_x;
  e.patch = std::move(t->patch);
  e.products = std::move(t->products);
  e.channel_sums = std::move(t->channel_sums);
  e.bias = t->bias;
  e.sum = t->sum;
  return e;
}

Event answer(const TracePooling& m) {
  teach::PoolTraceRequest r;
  r.input = planes(m.input);
  r.op = m.mode == PoolMode::kMax ? teach::PoolOp::kMax : teach::PoolOp::kAverage;
  r.window = m.window;
  r.stride = m.stride;
  r.out_y = m.out_y;
  r.out_x = m.out_x;
  Expected<teach::PoolTrace> t = teach::trace_pooling(r);
  if (!t) return ErrorRaised{m.request_id, t.error()};
  PoolingTraced e;
  e.request_id = m.request_id;
  e.output = image(std::move(t->output));
  e.out_y = m.out_y;
  e.out_x = m.out_x;
  e.window_y = t->window_y;
  e.window_x = t->window_x;
  e.patch = std::move(t->patch);
  e.argmax = t->argmax;
  e.value = t->value;
  e.input_gradient = image(std::move(t->input_gradient));
  return e;
}

Event answer(const InspectNetwork& m, Model* model) {
  if (!model) return ErrorRaised{m.request_id, "inspect: no model loaded"};
  if (m.input.size() != size_t(kDigitPixels))
    return ErrorRaised{m.request_id, "inspect: " + std::to_string(m.input.size()) +
                                         " values; the network takes a 28x28 image (784 values, as Predicted.input)"};
  Expected<teach::NetworkView> net = teach::inspect_network(*model, m.input);
  if (!net) return ErrorRaised{m.request_id, net.error()};
  NetworkInspected e;
  e.request_id = m.request_id;
  e.input = m.input;
  for (teach::StatementView& v : net->layers) {
    LayerActivation a;
    a.name = std::move(v.name);
    a.text = std::move(v.text);
    a.output = image(std::move(v.output));
    a.field = field(v.field.y);
    a.field_x = field(v.field.x);
    a.kernels = image(std::move(v.kernels));
    a.kernel_inputs = v.kernel_inputs;
    a.biases = std::move(v.biases);
    a.depth = v.depth;
    a.path = v.path;
    a.block = v.block;
    e.layers.push_back(std::move(a));
  }
  e.probs = std::move(net->probs);
  return e;
}

Event answer(const TraceOptimizers& m) {
  if (m.optimizers.empty() || m.optimizers.size() > 4)
    return ErrorRaised{m.request_id, "optimizers: " + std::to_string(m.optimizers.size()) +
                                         " optimizers asked; 1 to 4 start from the same point"};
  const teach::SurfaceKind kind = surface_kind(m.surface);
  Expected<std::vector<float>> grid = teach::surface_grid(kind, m.grid);
  if (!grid) return ErrorRaised{m.request_id, "optimizers: " + grid.error()};
  const teach::SurfaceRegion& region = teach::surface_region(kind);
  OptimizersTraced e;
  e.request_id = m.request_id;
  e.surface = m.surface;
  e.formula = teach::surface_formula(kind);
  e.x0 = region.x0;
  e.x1 = region.x1;
  e.y0 = region.y0;
  e.y1 = region.y1;
  e.min_x = region.min_x;
  e.min_y = region.min_y;
  e.values = Image{1, m.grid, m.grid, std::move(*grid)};
  for (const PathSettings& p : m.optimizers) {
    teach::OptimizerPathRequest r;
    r.surface = kind;
    r.config.kind = optimizer_kind(p.optimizer);
    r.config.lr = p.lr;
    r.config.momentum = p.momentum;
    r.config.beta1 = p.beta1;
    r.config.beta2 = p.beta2;
    r.start_x = m.surface_start ? region.start_x : m.start_x;
    r.start_y = m.surface_start ? region.start_y : m.start_y;
    r.steps = m.steps;
    Expected<teach::OptimizerPath> path = teach::trace_optimizer_path(r);
    if (!path) return ErrorRaised{m.request_id, std::string(optimizer_name(p.optimizer)) + " " + path.error()};
    e.paths.push_back(OptimizerPath{p.optimizer, std::move(path->xs), std::move(path->ys), std::move(path->losses),
                                    path->diverged_at});
  }
  return e;
}

Event answer(const TraceConvBackward& m) {
  teach::ConvBackwardRequest r;
  r.input = planes(m.input);
  r.kernel = planes(m.kernel);
  r.padding = m.padding;
  r.stride = m.stride;
  r.upstream = m.upstream == Upstream::kCounting  ? teach::UpstreamGradient::kCounting
               : m.upstream == Upstream::kOneCell ? teach::UpstreamGradient::kOneCell
                                                  : teach::UpstreamGradient::kOnes;
  r.cell = m.cell;
  r.steps = m.steps;
  Expected<teach::ConvBackwardTrace> t = teach::trace_conv_backward(r);
  if (!t) return ErrorRaised{m.request_id, t.error()};
  ConvBackwardTraced e;
  e.request_id = m.request_id;
  e.padded = image(std::move(t->padded));
  e.dz = image(std::move(t->dz));
  e.steps = m.steps;
  e.out_y = t->out_y;
  e.out_x = t->out_x;
  e.window_y = t->window_y;
  e.window_x = t->window_x;
  e.d_padded = image(std::move(t->d_padded));
  e.dw = image(std::move(t->dw));
  e.db = t->db;
  e.kernel_dx = image(std::move(t->kernel_dx));
  e.kernel_dw = image(std::move(t->kernel_dw));
  e.kernel_db = t->kernel_db;
  e.equals_kernel = t->equals_kernel;
  return e;
}

Event answer(const TraceSeparable& m) {
  teach::SeparableRequest r;
  r.input = planes(m.input);
  r.depthwise = planes(m.depthwise);
  r.pointwise = planes(m.pointwise);
  r.padding = m.padding;
  r.stride = m.stride;
  r.step = m.pointwise_step ? teach::SeparableStep::kPointwise : teach::SeparableStep::kDepthwise;
  r.cell = m.cell;
  Expected<teach::SeparableTrace> t = teach::trace_separable(r);
  if (!t) return ErrorRaised{m.request_id, t.error()};
  SeparableTraced e;
  e.request_id = m.request_id;
  e.depthwise_out = image(std::move(t->depthwise_out));
  e.pointwise_out = image(std::move(t->pointwise_out));
  e.pointwise_step = m.pointwise_step;
  e.cell = m.cell;
  e.channel = t->channel;
  e.out_y = t->out_y;
  e.out_x = t->out_x;
  e.window_y = t->window_y;
  e.window_x = t->window_x;
  e.values = std::move(t->values);
  e.weights = std::move(t->weights);
  e.products = std::move(t->products);
  e.sum = t->sum;
  e.depthwise_macs = t->depthwise_macs;
  e.pointwise_macs = t->pointwise_macs;
  e.normal_macs = t->normal_macs;
  e.done_macs = t->done_macs;
  return e;
}

Event answer(const TraceDropout& m) {
  Expected<teach::DropoutTrace> t = teach::trace_dropout(planes(m.input), m.rate, m.seed);
  if (!t) return ErrorRaised{m.request_id, t.error()};
  DropoutTraced e;
  e.request_id = m.request_id;
  e.output = image(std::move(t->output));
  e.mask = image(std::move(t->mask));
  e.kept = t->kept;
  e.total = t->total;
  return e;
}

}  // namespace cnn::protocol
