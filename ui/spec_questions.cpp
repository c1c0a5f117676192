#include "spec_questions.h"

#include <algorithm>

namespace cnn::ui {

const proto::SpecSummarized* ask_spec_summary(SpecQuestions& q, const EngineView& view, CommandSink& sink,
                                              const std::string& spec) {
  auto asked = std::find(q.asked.begin(), q.asked.end(), spec);
  if (const proto::SpecSummarized* answer = find_spec_answer(view, spec)) {
    if (asked != q.asked.end()) q.asked.erase(asked);
    return answer;
  }
  if (asked == q.asked.end() && view.ready) {
    protocol::SummarizeSpec m;
    m.spec = spec;
    sink.send(m);
    q.asked.push_back(spec);
  }
  return nullptr;
}

}  // namespace cnn::ui
