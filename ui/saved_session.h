// The session the page keeps between visits (engine/protocol/saved_session.h): made from the
// view and the app's latest copy of the model, and put back into a new view on the next load.
// The app decides when (ui/app.cpp); this file only says what goes where.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine_view.h"

namespace cnn::ui {

// The model file `model` (named `model_name`, built from `model_spec`) with the view's runs,
// the Train tab's last run, and the settings as a link's query.
proto::SavedSession session_of(const EngineView& view, const std::vector<uint8_t>& model, const std::string& model_name,
                               const std::string& model_spec, const std::string& link);
// The runs and the Train tab's curves into `view` (the model itself goes to the engine).
void restore_runs(EngineView& view, const proto::SavedSession& session);
// The saved model comes back unless a link asks for another network (its spec=): a lesson's
// link wins over what this browser kept.
bool use_saved_model(const proto::SavedSession& session, const std::string& link_spec);
// A short digest of what a save would write, apart from the model's bytes (the app counts
// those changes itself): two equal digests need no second save.
std::string session_digest(const EngineView& view, const std::string& link);

}  // namespace cnn::ui
