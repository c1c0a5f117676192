// Depthwise-separable convolution, stepped (note 002, MobileNet): the depthwise step (one 3x3
// kernel a channel), then the pointwise step (five 1x1x3 kernels), one output cell at a time,
// with the multiplications counted as they are done, against a normal convolution's 2,160.
// The engine computes every number shown (TraceSeparable).
#pragma once

#include <string>

#include "command_sink.h"
#include "engine_view.h"
#include "lesson_link.h"
#include "request.h"
#include "widgets/stepper.h"

namespace cnn::ui {

struct SeparablePanelState {
  Stepper step{0, false, 4.0f};  // one walk over both steps: the depthwise cells, then the pointwise
  Request request;
  protocol::SeparableTraced shown;
  std::string status;            // one line for the page's #explorer-status (tests, screen readers)
};

void draw_separable_panel(SeparablePanelState& state, const EngineView& view, CommandSink& sink);
// ?mode=depthwise&dw.at=50
void write_link(const SeparablePanelState& state, LinkWriter& out);
void read_link(SeparablePanelState& state, LinkReader& in);

}  // namespace cnn::ui
