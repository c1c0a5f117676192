// Dropout seen (engine/teach/dropout_trace.h): the mask is the one a model built with the same
// seed draws in its first training step, the output is the layer's own bit for bit, about
// 1 - rate of the values are kept, and bad maps or rates are refused with a sentence.
#include "teach/dropout_trace.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "layers/dropout/dropout.h"
#include "model/model.h"
#include "support/teach_util.h"

namespace cnn::teach {
namespace {

using test::random_planes;

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(DropoutTrace, TheMaskOfAModelsFirstTrainingStepWithTheSameSeed) {
  const Planes maps = random_planes(Shape3{3, 5, 7}, 11);
  for (uint64_t seed : {1u, 7u, 12345u}) {
    Expected<DropoutTrace> t = trace_dropout(maps, 0.4f, seed);
    ASSERT_TRUE(t.ok()) << t.error();
    // A model whose first layer is that dropout, trained one step on the same maps.
    Expected<Model> model = Model::build("input 5x7x3; dropout 0.4; flatten; dense 2", seed);
    ASSERT_TRUE(model.ok()) << model.error();
    Tensor x(1, maps.shape);
    for (int64_t i = 0; i < x.size(); ++i) x[i] = maps.values[size_t(i)];
    const int32_t label = 1;
    model->forward_backward(x, &label);
    const Tensor& dropped = model->activation(1);
    ASSERT_EQ(dropped.size(), int64_t(t->output.values.size()));
    int64_t kept = 0;
    for (int64_t i = 0; i < dropped.size(); ++i) {
      EXPECT_TRUE(same_bits(dropped[i], t->output.values[size_t(i)])) << "value " << i << ", seed " << seed;
      const bool kept_here = t->mask.values[size_t(i)] == 1.0f;
      EXPECT_TRUE(kept_here || t->mask.values[size_t(i)] == 0.0f);
      EXPECT_EQ(kept_here ? maps.values[size_t(i)] * (1.0f / (1.0f - 0.4f)) : 0.0f, t->output.values[size_t(i)]) << "value " << i;
      kept += kept_here;
    }
    EXPECT_EQ(t->kept, kept);
    EXPECT_EQ(t->total, dropped.size());
  }
}

TEST(DropoutTrace, KeepsAbout1MinusRateAndTheSeedDecidesWhich) {
  const Planes maps = random_planes(Shape3{6, 28, 28}, 3);  // LeNet-5's conv1: 4,704 values
  Expected<DropoutTrace> a = trace_dropout(maps, 0.5f, 1), b = trace_dropout(maps, 0.5f, 1), c = trace_dropout(maps, 0.5f, 2);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->total, 4704);
  // Binomial(4704, 0.5): a standard deviation of 34; 5 of them either way.
  EXPECT_NEAR(double(a->kept), 2352.0, 5 * 34.3);
  EXPECT_EQ(a->mask.values, b->mask.values) << "the same seed, the same mask";
  EXPECT_NE(a->mask.values, c->mask.values) << "another seed, another mask";
  Expected<DropoutTrace> most = trace_dropout(maps, 0.9f, 1);
  ASSERT_TRUE(most.ok());
  EXPECT_NEAR(double(most->kept), 470.4, 5 * 20.6);
  Expected<DropoutTrace> none = trace_dropout(maps, 0.0f, 1);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->kept, none->total) << "rate 0 keeps everything";
  EXPECT_EQ(none->output.values, maps.values);
}

TEST(DropoutTrace, RefusesBadMapsAndRates) {
  const Planes maps = random_planes(Shape3{2, 4, 4}, 1);
  for (float rate : {-0.1f, 0.96f, 1.0f, std::nanf("")}) {
    Expected<DropoutTrace> t = trace_dropout(maps, rate, 1);
    ASSERT_FALSE(t.ok()) << rate;
    EXPECT_NE(t.error().find("rate"), std::string::npos) << t.error();
  }
  Planes wrong = maps;
  wrong.values.pop_back();
  EXPECT_FALSE(trace_dropout(wrong, 0.5f, 1).ok());
  EXPECT_FALSE(trace_dropout(random_planes(Shape3{65, 2, 2}, 1), 0.5f, 1).ok());
  EXPECT_FALSE(trace_dropout(random_planes(Shape3{1, 65, 2}, 1), 0.5f, 1).ok());
}

}  // namespace
}  // namespace cnn::teach
