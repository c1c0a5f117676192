#include "teaching/note003_run.h"

namespace cnn::ui {

// ../shared/course-notes/003, "Epoch 1/30" to "Epoch 30/30": loss, then accuracy.
const float kNote003Loss[kNote003Epochs] = {
    0.8247f, 0.2817f, 0.2023f, 0.1659f, 0.1425f, 0.1275f, 0.1180f, 0.1077f, 0.1022f, 0.0965f,
    0.0913f, 0.0869f, 0.0823f, 0.0792f, 0.0760f, 0.0727f, 0.0706f, 0.0683f, 0.0658f, 0.0651f,
    0.0624f, 0.0605f, 0.0591f, 0.0570f, 0.0563f, 0.0542f, 0.0529f, 0.0523f, 0.0516f, 0.0502f};
const float kNote003Accuracy[kNote003Epochs] = {
    0.8025f, 0.9295f, 0.9462f, 0.9548f, 0.9599f, 0.9644f, 0.9669f, 0.9698f, 0.9717f, 0.9728f,
    0.9738f, 0.9751f, 0.9762f, 0.9769f, 0.9782f, 0.9789f, 0.9793f, 0.9804f, 0.9807f, 0.9813f,
    0.9822f, 0.9830f, 0.9831f, 0.9838f, 0.9837f, 0.9844f, 0.9847f, 0.9848f, 0.9854f, 0.9856f};

bool shows_note003(const std::string& model_name) { return model_name == kNote003Preset || model_name == "lenet5-tanh"; }

}  // namespace cnn::ui
