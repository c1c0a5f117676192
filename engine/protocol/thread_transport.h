// ThreadTransport: the native Transport. An EngineHost runs on its own std::thread; commands
// and events cross as encoded bytes (the same codec as the Web Worker's postMessage), in
// two mutex-guarded queues. The UI thread never waits for the engine.
//
// When the host asks for a dataset (DatasetRequested) and its folder (`mnist_dir` or
// `fashion_dir`) is not empty, the engine thread loads the four IDX files from there and answers
// with ProvideDataset, as the Web Worker answers by downloading them.
#pragma once

#include <memory>
#include <string>

#include "protocol/messages.h"

namespace cnn::protocol {

// Starts the engine thread; it announces EngineReady. Destroying the transport stops it.
std::unique_ptr<Transport> make_thread_transport(std::string mnist_dir = "", std::string fashion_dir = "");

}  // namespace cnn::protocol
