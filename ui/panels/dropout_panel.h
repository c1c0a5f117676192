// Dropout, seen (regularization): one training step's mask on the first layer's feature maps
// of a test image. The engine gives every number: the test image (GetTestImage), the current
// model's maps of it (InspectNetwork), and what its Dropout layer keeps and drops, and the
// kept values scaled by 1 / (1 - rate) (TraceDropout). The rate and the step (the dropout
// stream's seed) can be changed; at test time dropout passes the maps through unchanged.
#pragma once

#include <string>

#include "command_sink.h"
#include "engine_view.h"
#include "lesson_link.h"
#include "request.h"

namespace cnn::ui {

struct DropoutPanelState {
  static constexpr float kMaxRate = 0.9f;
  float rate = 0.5f;
  int seed = 1;        // one training step's draw: another seed, another step
  int test_index = 0;  // the MNIST test image whose maps are dropped
  Request image, inspect, trace;  // the three questions, in turn
  protocol::TestImageProvided shown_image;
  protocol::NetworkInspected shown_maps;
  int maps_generation = -1;       // the model generation the maps were asked of
  protocol::DropoutTraced shown;
  std::string status;  // one line for the page's #explorer-status (tests, screen readers)
};

void draw_dropout_panel(DropoutPanelState& state, const EngineView& view, CommandSink& sink);
// ?mode=dropout&drop.rate=0.3&drop.seed=2&drop.image=7
void write_link(const DropoutPanelState& state, LinkWriter& out);
void read_link(DropoutPanelState& state, LinkReader& in);

}  // namespace cnn::ui
