#include "teaching/spec_help.h"

#include "i18n/language.h"

namespace cnn::ui {

const std::vector<SpecHelp>& spec_help() {
  // Only `what` is words (N_, translated where drawn): the syntax and the example are spec text
  // as the student types it, and tests/ui/spec_help_test.cpp parses the examples.
  static const std::vector<SpecHelp> kHelp = {
      {"conv F KxK [stride S] [valid|same|pad P] [nobias] [ACT]", N_("F filters, each K x K over all channels"),
       "conv 8 3x3 stride 2 same relu"},
      {"dwconv KxK [stride S] [valid|same|pad P] [ACT]", N_("depthwise: one K x K kernel per channel"),
       "dwconv 3x3 same relu6"},
      {"maxpool K [stride S] [same]   avgpool K ...", N_("the largest / the mean of each K x K window"),
       "maxpool 2"},
      {"globalavgpool", N_("each channel's mean: HxWxC to C"), "globalavgpool"},
      {"flatten", N_("an image to a vector, for dense"), "flatten"},
      {"dense N [ACT]", N_("N units, each connected to every input"), "dense 64 relu"},
      {"dropout RATE", N_("zeroes a fraction RATE while training"), "dropout 0.25"},
      {"batchnorm", N_("normalizes each channel over the batch"), "batchnorm"},
      {"zeropad P", N_("P rows and columns of zeros around"), "zeropad 1"},
      {"ACT: relu relu6 tanh sigmoid leakyrelu [A]", N_("after a layer, or on its own (softmax: only last)"),
       "leakyrelu 0.1"},
      {"residual(MAIN) [ACT]", N_("MAIN(x) + x: an identity shortcut"),
       "residual(conv 3 3x3 same relu; conv 3 3x3 same) relu"},
      {"residual(MAIN | SHORTCUT) [ACT]", N_("MAIN(x) + SHORTCUT(x): a projection"),
       "residual(conv 8 3x3 same relu | conv 8 1x1) relu"},
      {"parallel(B1 | B2 | ...)", N_("the branches stacked along channels (Inception)"),
       "parallel(conv 4 1x1 relu | conv 4 3x3 same relu | maxpool 3 stride 1 same)"},
  };
  return kHelp;
}

}  // namespace cnn::ui
