// What Start sends (settings_of, ui/panels/panels.h): every field of the Train tab, the
// folded-away ones included, reaches the StartTraining command.
#include <gtest/gtest.h>

#include "panels/panels.h"

namespace cnn::ui {
namespace {

TEST(TrainingSettings, EveryFieldOfTheTabIsSent) {
  TrainingPanelState st;
  st.start = 1;
  st.epochs = 3;
  st.batch = 128;
  st.lr = 0.01f;
  st.optimizer = 1;
  st.seed = 7;
  st.samples = 2;  // 2,000
  st.lr_decay = 0.5f;
  st.decay_every = 2;
  st.momentum = 0.8f;
  st.beta1 = 0.85f;
  st.beta2 = 0.995f;
  st.weight_decay = 5e-4f;
  st.aug_shift = 2;
  st.aug_rotate = 12.5f;
  st.aug_scale = 0.1f;
  st.patience = 3;
  const protocol::TrainSettings s = settings_of(st);
  EXPECT_EQ(s.start, protocol::StartFrom::kFreshInit);
  EXPECT_EQ(s.epochs, 3);
  EXPECT_EQ(s.batch, 128);
  EXPECT_FLOAT_EQ(s.lr, 0.01f);
  EXPECT_EQ(s.optimizer, protocol::Optimizer::kMomentum);
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.limit, 2000);
  EXPECT_FLOAT_EQ(s.lr_decay, 0.5f);
  EXPECT_EQ(s.decay_every, 2);
  EXPECT_FLOAT_EQ(s.momentum, 0.8f);
  EXPECT_FLOAT_EQ(s.beta1, 0.85f);
  EXPECT_FLOAT_EQ(s.beta2, 0.995f);
  EXPECT_FLOAT_EQ(s.weight_decay, 5e-4f);
  EXPECT_FLOAT_EQ(s.augment.shift, 2);
  EXPECT_FLOAT_EQ(s.augment.rotate, 12.5f);
  EXPECT_FLOAT_EQ(s.augment.scale, 0.1f);
  EXPECT_EQ(s.patience, 3);
}

}  // namespace
}  // namespace cnn::ui
