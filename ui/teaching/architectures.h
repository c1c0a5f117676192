// The architectures of the course notes, as the engine's presets name them, with one line
// each on what they are: the Model tab shows their summaries, the network editor starts from
// the ones that train on MNIST. Plain data; the engine counts and builds them.
#pragma once

#include <vector>

namespace cnn::ui {

enum class ArchitectureGroup { kClassic, kModern, kMini };

struct Architecture {
  const char* label;
  const char* preset;   // the engine's spec preset (engine/model/presets.cpp)
  const char* control;  // note_control name of its item in a list
  const char* note;     // one line: what it is
  ArchitectureGroup group;
  bool for_mnist;       // takes 28x28x1 digits and gives 10 classes: the playground trains it
};

const std::vector<Architecture>& architectures();
// "The first half of the course", ...: the heading of a group in a list.
const char* group_heading(ArchitectureGroup group);

}  // namespace cnn::ui
