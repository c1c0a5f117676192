#include "protocol/thread_transport.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <new>
#include <thread>

#include "io/file.h"
#include "protocol/engine_host.h"

namespace cnn::protocol {
namespace {

// Slice length while training: short enough that a command waits at most this long.
constexpr double kTickMs = 15.0;

Expected<ProvideDataset> read_idx_files(const std::string& dir) {
  ProvideDataset d;
  struct File { const char* name; std::vector<uint8_t>* bytes; };
  for (File f : {File{"train-images-idx3-ubyte", &d.train_images}, File{"train-labels-idx1-ubyte", &d.train_labels},
                 File{"t10k-images-idx3-ubyte", &d.test_images}, File{"t10k-labels-idx1-ubyte", &d.test_labels}}) {
    Expected<std::vector<uint8_t>> bytes = read_file(dir + "/" + f.name);
    if (!bytes) return make_error(bytes.error());
    *f.bytes = std::move(*bytes);
  }
  return d;
}

class ThreadTransport final : public Transport {
 public:
  ThreadTransport(std::string mnist_dir, std::string fashion_dir)
      : mnist_dir_(std::move(mnist_dir)), fashion_dir_(std::move(fashion_dir)) {
    thread_ = std::thread([this] { run(); });
  }
  ~ThreadTransport() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      quit_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }

  void send(const Command& command) override {
    std::vector<uint8_t> bytes = encode(command);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      commands_.push_back(std::move(bytes));
    }
    wake_.notify_one();
  }

  std::vector<Event> poll() override {
    std::deque<std::vector<uint8_t>> taken;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      taken.swap(events_);
    }
    std::vector<Event> out;
    for (const std::vector<uint8_t>& bytes : taken) {
      Expected<Event> e = decode_event(bytes.data(), bytes.size());
      out.push_back(e ? std::move(*e) : Event(ErrorRaised{0, e.error()}));
    }
    return out;
  }

 private:
  void publish(std::vector<Event>& events) {
    if (events.empty()) return;
    std::vector<std::vector<uint8_t>> encoded;
    for (const Event& e : events) encoded.push_back(encode(e));
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& bytes : encoded) events_.push_back(std::move(bytes));
    events.clear();
  }

  // Loads the chosen dataset when the host asks for it (native stand-in for the worker's download). As
  // web/worker.js does, a failed read is answered with the failure: the host then answers the
  // commands that waited with its cause, instead of waiting forever.
  void answer_dataset_requests(EngineHost& host, std::vector<Event>& events) {
    for (size_t i = 0; i < events.size(); ++i) {
      const DatasetRequested* asked = std::get_if<DatasetRequested>(&events[i]);
      if (!asked || !host.needs_dataset(asked->dataset)) continue;
      const std::string& dir = asked->dataset == DatasetName::kFashion ? fashion_dir_ : mnist_dir_;
      if (dir.empty()) continue;
      const uint32_t id = asked->request_id;
      const DatasetName dataset = asked->dataset;
      Expected<ProvideDataset> data = read_idx_files(dir);
      if (!data) {  // answered once, with the cause (ProvideDataset::failure), as the worker does
        ProvideDataset failed;
        failed.failure = data.error();
        data = std::move(failed);
      }
      data->request_id = id;
      data->dataset = dataset;
      host.handle(*data, events);
    }
  }

  // The memory budget (model/memory.h) refuses what would not fit before allocating; should an
  // allocation still fail, the window says so and the run stops, instead of the process ending.
  template <typename F>
  static void guarded(EngineHost& host, uint32_t id, std::vector<Event>& events, F&& f) {
#if defined(__cpp_exceptions)
    try {
      f();
    } catch (const std::bad_alloc&) {
      events.push_back(ErrorRaised{id, "the engine ran out of memory: try a smaller batch or model"});
      if (host.busy()) host.handle(StopTraining{id}, events);
    }
#else
    f();
#endif
  }

  void run() {
    EngineHost host;
    std::vector<Event> events{EngineReady{0}};
    publish(events);
    for (;;) {
      std::deque<std::vector<uint8_t>> commands;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!host.busy()) wake_.wait(lock, [this] { return quit_ || !commands_.empty(); });
        if (quit_) return;
        commands.swap(commands_);
      }
      for (const std::vector<uint8_t>& bytes : commands) {
        Expected<Command> c = decode_command(bytes.data(), bytes.size());
        if (!c) {
          events.push_back(ErrorRaised{0, c.error()});
          continue;
        }
        guarded(host, request_id_of(*c), events, [&] { host.handle(*c, events); });
      }
      answer_dataset_requests(host, events);
      publish(events);
      guarded(host, 0, events, [&] { host.tick(kTickMs, events); });
      publish(events);
    }
  }

  std::string mnist_dir_, fashion_dir_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::vector<uint8_t>> commands_, events_;
  bool quit_ = false;
  std::thread thread_;
};

}  // namespace

std::unique_ptr<Transport> make_thread_transport(std::string mnist_dir, std::string fashion_dir) {
  return std::make_unique<ThreadTransport>(std::move(mnist_dir), std::move(fashion_dir));
}

}  // namespace cnn::protocol
