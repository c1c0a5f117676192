#include "train/early_stopping.h"

#include <cmath>
#include <cstdio>

namespace cnn {

bool EarlyStopping::observe(int epoch, double test_loss, Model& model, int64_t samples) {
  if (std::isfinite(test_loss) && (best_epoch_ == 0 || test_loss < best_loss_)) {
    best_epoch_ = epoch;
    best_loss_ = test_loss;
    best_samples_ = samples;
    best_weights_ = model.copy_weights();
    return false;
  }
  return epoch - best_epoch_ >= patience_;
}

std::string EarlyStopping::message(int epoch, bool stopped) const {
  char buf[256];
  if (best_epoch_ == 0) {
    std::snprintf(buf, sizeof buf, "Stopped early after epoch %d: no epoch gave a finite test loss.", epoch);
    return buf;
  }
  if (stopped)
    std::snprintf(buf, sizeof buf,
                  "Stopped early after epoch %d: the test loss has not fallen below epoch %d's %.4f for %d epoch%s. "
                  "The model has epoch %d's weights.",
                  epoch, best_epoch_, best_loss_, epoch - best_epoch_, epoch - best_epoch_ == 1 ? "" : "s", best_epoch_);
  else
    std::snprintf(buf, sizeof buf, "The test loss was lowest after epoch %d (%.4f). The model has epoch %d's weights.",
                  best_epoch_, best_loss_, best_epoch_);
  return buf;
}

}  // namespace cnn
