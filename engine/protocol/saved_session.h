// What the page keeps between visits: the model, its runs and the settings, saved by the UI
// in the browser (IndexedDB, web/main.js) as they change and read back on the next load
// (ui/saved_session.h). Not a message: nothing here crosses to the engine. It is written by
// the messages' own codec (codec.cpp), so a run's settings and epochs have one field list.
//
// Bytes: magic "CNNSESS\0", u8 kSessionVersion, then SavedSession's fields in declaration
// order, as a message's (messages.h). An older session is read with the fields its version had
// (codec.cpp: since()), so a visitor's runs survive the page's update; one of a version this
// page does not know is refused whole: the page then starts with the shipped model and says why.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/messages.h"
#include "util/expected.h"

namespace cnn::protocol {

// The protocol version in which the session's fields last changed: a new message leaves the
// session as it was, and a visitor's work with it. Raise it (to kProtocolVersion) when
// SavedSession, RunRecord or a message struct they hold (TrainSettings, TrainingProgressed,
// EpochFinished, TrainingStopped) changes, and read the new fields only since() it.
// Every version from kOldestSessionVersion is read.
constexpr uint8_t kSessionVersion = 9;       // 8: TrainSettings' augment and patience, EpochFinished.best_epoch;
                                             // 9: RunRecord.dataset, TrainingProgressed.grad_norms
constexpr uint8_t kOldestSessionVersion = 5;

// A run that ended, kept to be compared with the others (the Runs tab).
struct RunRecord {
  int32_t number = 0;              // 1, 2, ... in the order the runs ended
  std::string name;                // "Run 2: Adam 0.001, batch 64"; the user may rename it
  std::string model_name;          // the model it trained
  int64_t params = 0;
  TrainSettings settings;
  StopReason reason = StopReason::kFinished;
  int64_t samples_done = 0;
  double samples_per_s = 0;
  std::vector<float> loss_curve, accuracy_curve, curve_samples;
  std::vector<EpochFinished> epochs;
  std::vector<uint8_t> model_bytes;  // its weights as the run left them (the app saves them);
                                     // none for a run that was rolled back
  bool shown = true;                 // drawn in the Runs tab's overlay
  DatasetName dataset = DatasetName::kMnist;  // what it trained on
};

struct SavedSession {
  std::string model_name;            // as the status line names it ("lenet5-mnist.bin")
  std::string model_spec;            // its spec text: a link's spec= is compared with it
  std::vector<uint8_t> model;        // the model file (engine/io/model_file.h)
  std::string link;                  // every setting, as a lesson link's query (ui/lesson_link.h)
  // The Train tab as the last run left it: its curves and how it ended.
  TrainSettings run_settings;
  bool has_progress = false;
  TrainingProgressed progress;
  std::vector<float> loss_curve, accuracy_curve, curve_samples;
  std::vector<EpochFinished> epochs;
  bool last_run_finished = false;
  bool has_stop = false;
  TrainingStopped stop;
  bool model_after_run = false;      // a model was loaded after that run (the status names it)
  std::vector<RunRecord> runs;
};

std::vector<uint8_t> encode(const SavedSession& session);
// "saved session: ..."; never throws or aborts (the bytes come from the browser's storage,
// which another version of the page, or anyone with the developer tools, may have written).
Expected<SavedSession> decode_saved_session(const uint8_t* data, size_t size);

}  // namespace cnn::protocol
