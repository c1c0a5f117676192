// The backward pass of a convolution, stepped (note 000's conv_backward): the engine adds up
// dA_prev, dW and db one output position at a time (TraceConvBackward) and says, after the
// last, that they are its backward kernel's to the bit.
#pragma once

#include <string>

#include "command_sink.h"
#include "engine_view.h"
#include "lesson_link.h"
#include "request.h"
#include "widgets/stepper.h"

namespace cnn::ui {

// The upstream gradient dZ, as the engine builds it (protocol::Upstream's order).
enum class BackwardUpstream : int { kOnes, kCounting, kOneCell };

struct BackwardPanelState {
  int example = 0;            // index into backward_examples()
  int padding = 0, stride = 1;  // the example's, until changed
  BackwardUpstream upstream = BackwardUpstream::kOnes;
  int cell = 0;               // kOneCell: the output position whose gradient is 1
  Stepper step{0, false, 2.0f};  // positions added, 0..oh*ow
  Request request;
  int sent_key = -1;          // the example, padding and stride of the last request
  protocol::ConvBackwardTraced shown;
  int shown_key = -1;         // ... and of the answer shown: its dZ gives their positions
  std::string status;         // one line for the page's #explorer-status (tests, screen readers)
};

void draw_backward_panel(BackwardPanelState& state, const EngineView& view, CommandSink& sink);
// ?mode=backward&back.in=padding-1-stride-2&back.p=1&back.s=2&back.dz=count&back.at=4
void write_link(const BackwardPanelState& state, LinkWriter& out);
void read_link(BackwardPanelState& state, LinkReader& in);

}  // namespace cnn::ui
