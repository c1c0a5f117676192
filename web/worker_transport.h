// WorkerTransport: the page's Transport. Commands go to the engine's Web Worker as bytes
// (postMessage, buffer transferred) through Module.cnnPostCommand, which web/main.js
// provides; event bytes come back through cnn_ui_receive_event(), which main.js calls
// for each Uint8Array the worker posts.
#pragma once

#include <memory>

#include "protocol/messages.h"

namespace cnn::web {

std::unique_ptr<cnn::protocol::Transport> make_worker_transport();

}  // namespace cnn::web
