// Helpers for the protocol tests: a tiny learnable IDX dataset, one command's events, event
// filters and the shipped LeNet-5 loaded into a host.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "io/file.h"
#include "protocol/engine_host.h"
#include "protocol/messages.h"

namespace cnn::test {

// IDX bytes for `count` 28x28 images: class k is a bright 4x4 square at a position given
// by k, plus a little noise from `seed`. Easy enough that a few batches clearly learn.
inline void make_idx(int count, uint32_t seed, std::vector<uint8_t>& images, std::vector<uint8_t>& labels) {
  auto be32 = [](std::vector<uint8_t>& v, uint32_t x) {
    for (int s = 24; s >= 0; s -= 8) v.push_back(uint8_t(x >> s));
  };
  images.clear();
  labels.clear();
  be32(images, 0x803); be32(images, uint32_t(count)); be32(images, 28); be32(images, 28);
  be32(labels, 0x801); be32(labels, uint32_t(count));
  uint32_t state = seed * 2654435761u + 1;
  for (int i = 0; i < count; ++i) {
    const int k = int((state >> 16) % 10);
    state = state * 1664525u + 1013904223u;
    const int ox = 2 + (k % 5) * 5, oy = 4 + (k / 5) * 12;
    for (int y = 0; y < 28; ++y)
      for (int x = 0; x < 28; ++x) {
        state = state * 1664525u + 1013904223u;
        const bool on = x >= ox && x < ox + 4 && y >= oy && y < oy + 4;
        images.push_back(on ? uint8_t(200 + (state >> 28)) : uint8_t((state >> 27) & 7));
      }
    labels.push_back(uint8_t(k));
  }
}

inline protocol::ProvideDataset make_dataset_command(int train_count, int test_count, uint32_t request_id = 0) {
  protocol::ProvideDataset d;
  d.request_id = request_id;
  make_idx(train_count, 1, d.train_images, d.train_labels);
  make_idx(test_count, 2, d.test_images, d.test_labels);
  return d;
}

// The events one command answers with.
inline std::vector<protocol::Event> run(protocol::EngineHost& host, const protocol::Command& c) {
  std::vector<protocol::Event> out;
  host.handle(c, out);
  return out;
}

template <typename T>
std::vector<T> events_of(const std::vector<protocol::Event>& events) {
  std::vector<T> out;
  for (const protocol::Event& e : events)
    if (const T* t = std::get_if<T>(&e)) out.push_back(*t);
  return out;
}

// The shipped LeNet-5 (assets/lenet5-mnist.bin) as the host's model, as the page starts.
inline void load_shipped(protocol::EngineHost& host) {
  Expected<std::vector<uint8_t>> bytes = read_file(std::string(CNN_ASSETS_DIR) + "/lenet5-mnist.bin");
  ASSERT_TRUE(bytes.ok()) << bytes.error();
  ASSERT_EQ(events_of<protocol::ModelLoaded>(run(host, protocol::LoadModel{1, "lenet5-mnist.bin", *bytes})).size(), 1u);
}

}  // namespace cnn::test
