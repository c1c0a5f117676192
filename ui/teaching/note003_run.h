// Note 003's own run, as its Keras log prints it: LeNet-5 with tanh on MNIST pixels left at
// 0..255, SGD lr 0.01, batch 128, 30 epochs (469 steps each). Keras' per-epoch loss and
// accuracy are the running means over the epoch's training batches, as the engine's train
// loss and accuracy are, so the two curves compare directly (the Train tab draws both).
#pragma once

#include <string>

namespace cnn::ui {

constexpr int kNote003Epochs = 30;
constexpr const char* kNote003Preset = "lenet5-note003";  // the same network on 0..255
extern const float kNote003Loss[kNote003Epochs];
extern const float kNote003Accuracy[kNote003Epochs];

// The note's curve belongs beside runs of its network: on 0..255 (the note's run) or on 0..1
// (lenet5-tanh, to see what scaling the inputs buys).
bool shows_note003(const std::string& model_name);

}  // namespace cnn::ui
