// The memory budget: what a model needs, counted from its spec before anything is allocated,
// and one place that refuses what does not fit.
//
// Counted as Model, the layers, the optimizer and the trainer allocate (bytes, float32):
//   weights      every parameter and its gradient (allocated at build), plus the buffers
//                (batch-norm statistics);
//   optimizer    momentum: one value per parameter; Adam: two; SGD: none;
//   activations  the input and every layer's output for the largest batch run through the
//                model (training batch, or the test set's evaluation batch), their gradients
//                for the training batch, dropout masks and max-pool arg-max indices, and the
//                trainer's and host's copies of the input batch;
//   workspace    the conv kernels' scratch for the kernel in use (per model, not per sample).
// Each count is overflow-checked (util/count.h). Nothing here allocates.
//
// The budget is one number for the process: 1 GB by default, which is what the page's
// engine worker may use (its WebAssembly memory may grow to 2 GiB: web/CMakeLists.txt), and
// natively `cnnplay --memory-budget MB` (decimal megabytes). Model::build checks inference at batch 1 (so a model
// file cannot make the engine allocate more), training checks its batch before it starts.
#pragma once

#include <cstdint>
#include <string>

#include "model/spec.h"
#include "optim/optimizer.h"
#include "util/count.h"
#include "util/expected.h"

namespace cnn {

constexpr int64_t kDefaultMemoryBudget = 1000 * 1000 * 1000;  // 1 GB (decimal, as byte_text prints)

int64_t memory_budget();
void set_memory_budget(int64_t bytes);

struct MemoryUse {
  int batch = 1;            // the training (or inference) batch
  int eval_batch = 0;       // a larger inference batch run through the same model (0: none)
  bool training = false;
  OptimizerKind optimizer = OptimizerKind::kSgd;
};

struct MemoryNeed {
  Count weights, optimizer, activations, workspace;
  std::string largest;      // the largest single part, in words: "the workspace of layer 1 (conv 1 1x1028 pad 500)"
  Count largest_bytes;
  Count total() const { return weights + optimizer + activations + workspace; }
};

// Fails only for a spec whose shapes do not work out (parse_spec has checked that already).
Expected<MemoryNeed> memory_need(const ModelSpec& spec, const MemoryUse& use);

// "needs 4.4 GB (the workspace of layer 1 (conv 1 1x1028 pad 500) alone is 4.4 GB), more than
// the memory budget of 1.0 GB"; `what` starts the message ("model.bin", "training with batch 64").
Status check_memory(const ModelSpec& spec, const MemoryUse& use, const std::string& what);

// "4.4 GB", "512 MB", "12 kB"
std::string byte_text(Count bytes);

}  // namespace cnn
