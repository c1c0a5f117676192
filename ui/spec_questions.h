// Spec summaries asked of the engine (SummarizeSpec), each once until it is answered: the
// Model tab asks for the presets it shows, the network editor for the text being typed.
// Answers live in the EngineView (the newest kSpecAnswers specs); one that has dropped out
// is asked again.
//
//   const proto::SpecSummarized* a = ask_spec_summary(st.questions, view, sink, "lenet5");
//   if (a) ...  // null until the answer is there
#pragma once

#include <string>
#include <vector>

#include "command_sink.h"
#include "engine_view.h"

namespace cnn::ui {

struct SpecQuestions {
  std::vector<std::string> asked;  // sent and not yet answered
  void forget() { asked.clear(); }  // a new engine: nothing it was asked is coming
};

// The engine's answer for `spec`, or null, having asked for it (once) when the engine is ready.
const proto::SpecSummarized* ask_spec_summary(SpecQuestions& questions, const EngineView& view, CommandSink& sink,
                                              const std::string& spec);

}  // namespace cnn::ui
