// The spec statements in brief, as the network editor lists them (the grammar itself is the
// engine's: engine/model/spec.h). Every example is a statement the engine accepts, which
// tests/ui/spec_help_test.cpp checks, so this list cannot drift from the parser unseen.
#pragma once

#include <vector>

namespace cnn::ui {

struct SpecHelp {
  const char* syntax;   // "conv F KxK [stride S] [valid | same | pad P] [ACT]"
  const char* what;     // "F filters of K x K over all channels"
  const char* example;  // "conv 8 3x3 stride 2 same relu": valid after "input 28x28x3"
};

const std::vector<SpecHelp>& spec_help();

}  // namespace cnn::ui
