// Stepper: the explorers' walk over output positions: |<  < Back  Step >  Play/Pause  >|
// and a speed, one position at a time in row-major order. Also the combo box the explorers
// pick their inputs with, whose items are noted controls (so tests can pick them).
//
//   Stepper step;                                  // in the panel's state
//   draw_stepper(step, oh * ow, "conv");           // notes conv_first, conv_step, ...
//   trace(step.position / ow, step.position % ow);
#pragma once

namespace cnn::ui {

struct Stepper {
  int position = 0;        // the current output cell, row-major
  bool playing = false;
  float speed = 4.0f;      // steps per second while playing
  double next_step_time = 0;

  void restart() { position = 0; }  // the settings changed: the walk starts over
};

// Draws the controls on one line and advances while playing. Controls are noted as
// `<prefix>_first`, `_back`, `_step`, `_play`, `_last` and `_speed`.
void draw_stepper(Stepper& step, int positions, const char* prefix);

// A combo box of `count` items whose items are noted `<id>_<i>` while it is open, and the
// box itself `<id>`. Returns true when the choice changed.
bool noted_combo(const char* id, int* current, const char* const items[], int count);

}  // namespace cnn::ui
