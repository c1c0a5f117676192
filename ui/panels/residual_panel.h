// Why residual connections work (notes 000-002): the same deep stack of 3x3 convolutions
// trained twice from one seed, without and with identity shortcuts (ui/pair_race.h, ui/deep_stack.h), their
// training loss overlaid and each layer's gradient norm side by side on a log scale. The
// depth, the activation, the samples and the epochs can be changed.
#pragma once

#include <string>

#include "command_sink.h"
#include "engine_view.h"
#include "lesson_link.h"
#include "deep_stack.h"
#include "pair_race.h"
#include "spec_questions.h"

namespace cnn::ui {

struct ResidualPanelState {
  static constexpr int kMinSamples = 100, kMaxSamples = 60000, kMaxEpochs = 10;
  DeepStack stack;
  int samples = 2000;  // the first N training images, as the Train tab's Samples
  int epochs = 2;
  PairRace race;       // the app hands it every event (App::poll)
  SpecQuestions questions;  // both stacks' summaries: their parameters, from the engine
  std::string status;  // one line for the page's #explorer-status (tests, screen readers)
};

void draw_residual_panel(ResidualPanelState& state, EngineView& view, CommandSink& sink);
// ?mode=residual&res.blocks=5&res.act=tanh&res.samples=1000&res.epochs=1
void write_link(const ResidualPanelState& state, LinkWriter& out);
void read_link(ResidualPanelState& state, LinkReader& in);

}  // namespace cnn::ui
