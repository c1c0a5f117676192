// Lesson links: the query's codec, the reader's notes for what it cannot use, and every panel's
// settings through a link and back (what a teacher set is what the pupils open).
#include <gtest/gtest.h>

#include "lesson_link.h"
#include "panels/backward_panel.h"
#include "panels/panels.h"
#include "panels/separable_panel.h"
#include "teaching/examples.h"

namespace cnn::ui {
namespace {

TEST(LessonLink, QueriesRoundTripWithSpacesAndSemicolons) {
  const LinkParams params = {{"mode", "network"}, {"spec", "conv 6 5x5 relu; maxpool 2; flatten; dense 10"}, {"lr", "0.05"}};
  const std::string query = make_query(params);
  EXPECT_EQ(query, "?mode=network&spec=conv+6+5x5+relu%3B+maxpool+2%3B+flatten%3B+dense+10&lr=0.05");
  EXPECT_EQ(parse_query(query), params);
  EXPECT_EQ(parse_query("mode=pooling&&x&pool.f=%33"), (LinkParams{{"mode", "pooling"}, {"x", ""}, {"pool.f", "3"}}));
  EXPECT_EQ(make_query({}), "");
  EXPECT_EQ(parse_query("?a=%zz%4"), (LinkParams{{"a", "%zz%4"}}));  // broken escapes stay as written
  EXPECT_EQ(slug("Course: 6x6, bright left half"), "course-6x6-bright-left-half");
  EXPECT_EQ(slug("Sobel x"), "sobel-x");
}

TEST(LessonLink, BadValuesAndUnknownKeysAreSkippedWithANote) {
  LinkReader in(parse_query("?epochs=500&batch=32&opt=rmsprop&lr=abc&pool.f=2.5&colour=red&conv.k=1,2"));
  TrainingPanelState t;
  read_link(t, in);
  EXPECT_EQ(t.epochs, 1);    // 500 is out of 1..100: the default stays
  EXPECT_EQ(t.batch, 32);    // the good ones are taken
  EXPECT_EQ(t.optimizer, 2);
  EXPECT_FLOAT_EQ(t.lr, 1e-3f);
  PoolPanelState p;
  read_link(p, in);
  EXPECT_EQ(p.window, 2);
  const std::vector<std::string> notes = in.finish();
  ASSERT_EQ(notes.size(), 6u);
  EXPECT_EQ(notes[0], "epochs=500 ignored: not a whole number from 1 to 100");
  EXPECT_EQ(notes[1], "opt=rmsprop ignored: not one of sgd, momentum, adam");
  EXPECT_EQ(notes[2], "lr=abc ignored: not a number from 1e-06 to 10");
  EXPECT_EQ(notes[3], "pool.f=2.5 ignored: not a whole number from 2 to 3");
  // conv.k without conv.kernel=custom, and a key no panel has.
  EXPECT_EQ(notes[4], "colour ignored: the page knows no such setting");
  EXPECT_EQ(notes[5], "conv.k ignored: the page knows no such setting");
}

TEST(LessonLink, AHostileValueIsCutInItsNote) {
  LinkReader in(parse_query("?epochs=" + std::string(100000, '9')));
  TrainingPanelState t;
  read_link(t, in);
  const std::vector<std::string> notes = in.finish();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_LT(notes[0].size(), 120u);
  EXPECT_EQ(t.epochs, 1);
}

TEST(LessonLink, TrainingSettingsRoundTrip) {
  TrainingPanelState a;
  a.start = 1;
  a.epochs = 5;
  a.batch = 128;
  a.optimizer = 0;
  a.lr = 0.01f;
  a.lr_decay = 0.5f;
  a.decay_every = 2;
  a.seed = 7;
  a.samples = 2;
  a.dataset = 1;
  a.momentum = 0.8f;
  a.weight_decay = 0.0005f;
  a.aug_shift = 2;
  a.aug_rotate = 10;
  a.aug_scale = 0.15f;
  a.patience = 3;
  LinkWriter out;
  write_link(a, out);
  LinkReader in(parse_query(make_query(out.params())));
  TrainingPanelState b;
  read_link(b, in);
  EXPECT_TRUE(in.finish().empty());
  EXPECT_EQ(settings_of(a).epochs, settings_of(b).epochs);
  EXPECT_EQ(b.start, 1);
  EXPECT_EQ(b.batch, 128);
  EXPECT_EQ(b.optimizer, 0);
  EXPECT_EQ(b.lr, 0.01f);
  EXPECT_EQ(b.lr_decay, 0.5f);
  EXPECT_EQ(b.decay_every, 2);
  EXPECT_EQ(b.seed, 7);
  EXPECT_EQ(b.samples, 2);
  EXPECT_EQ(b.dataset, 1);
  EXPECT_NE(make_query(out.params()).find("samples=2000&data=fashion"), std::string::npos) << make_query(out.params());
  EXPECT_EQ(b.momentum, 0.8f);
  EXPECT_EQ(b.weight_decay, 0.0005f);
  EXPECT_EQ(b.aug_shift, 2);
  EXPECT_EQ(b.aug_rotate, 10);
  EXPECT_EQ(b.aug_scale, 0.15f);
  EXPECT_EQ(b.patience, 3);
  EXPECT_NE(make_query(out.params()).find("aug_shift=2&aug_rot=10&aug_scale=0.15&patience=3"), std::string::npos)
      << make_query(out.params());
  // A fresh page writes nothing: a plain visit keeps a plain address.
  LinkWriter none;
  write_link(TrainingPanelState{}, none);
  write_link(ConvPanelState{}, none);
  write_link(PoolPanelState{}, none);
  EXPECT_EQ(make_query(none.params()), "");
}

TEST(LessonLink, ConvolutionSettingsRoundTrip) {
  ConvPanelState a;
  a.source = 0;
  a.picture = 1;
  a.preset = 2;  // Sobel x
  a.kernel = kernel_presets()[2].values;
  a.padding_choice = 2;
  a.padding = 2;
  a.stride = 2;
  a.flip = true;
  a.step.position = 5;
  a.display = 1;
  a.show_magnitude = true;
  LinkWriter out;
  write_link(a, out);
  const std::string query = make_query(out.params());
  EXPECT_EQ(query, "?conv.in=course-6x6-dark-left-half&conv.kernel=sobel-x&conv.pad=2&conv.stride=2&conv.flip=1&"
                   "conv.at=5&conv.show=abs&conv.edges=1");
  LinkReader in(parse_query(query));
  ConvPanelState b;
  read_link(b, in);
  EXPECT_TRUE(in.finish().empty());
  EXPECT_EQ(b.picture, 1);
  EXPECT_EQ(b.preset, 2);
  EXPECT_EQ(b.kernel, kernel_presets()[2].values);
  EXPECT_EQ(b.padding_choice, 2);
  EXPECT_EQ(b.padding, 2);
  EXPECT_EQ(b.stride, 2);
  EXPECT_TRUE(b.flip);
  EXPECT_EQ(b.step.position, 5);
  EXPECT_EQ(b.display, 1);
  EXPECT_TRUE(b.show_magnitude);
}

TEST(LessonLink, AKernelOfOnesOwnTravelsWithItsNumbers) {
  ConvPanelState a;
  a.preset = -1;
  a.kernel_size = 3;
  a.kernel = {0, 1, 0, 1, -4.5f, 1, 0, 1, 0.125f};
  a.bias = -0.5f;
  a.padding_choice = 1;
  LinkWriter out;
  write_link(a, out);
  LinkReader in(parse_query(make_query(out.params())));
  ConvPanelState b;
  read_link(b, in);
  EXPECT_TRUE(in.finish().empty());
  EXPECT_EQ(b.preset, -1);
  EXPECT_EQ(b.kernel, a.kernel);
  EXPECT_EQ(b.bias, -0.5f);
  EXPECT_EQ(b.padding_choice, 1);
  // Eight numbers for a 3x3 kernel: refused, the preset stays.
  LinkReader short_kernel(parse_query("?conv.kernel=custom&conv.k=1,2,3,4,5,6,7,8"));
  ConvPanelState c;
  read_link(c, short_kernel);
  EXPECT_EQ(c.preset, 0);
  const std::vector<std::string> notes = short_kernel.finish();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0], "conv.k=1,2,3,4,5,6,7,8 ignored: not 9 numbers from -1000 to 1000, separated by commas");
}

TEST(LessonLink, PoolingSettingsRoundTrip) {
  PoolPanelState a;
  a.picture = 1;
  a.mode = 1;
  a.window = 3;
  a.stride = 1;
  a.step.position = 4;
  a.show_all = true;
  LinkWriter out;
  write_link(a, out);
  EXPECT_EQ(make_query(out.params()), "?pool.in=course-5x5&pool.kind=avg&pool.f=3&pool.s=1&pool.at=4&pool.all=1");
  LinkReader in(parse_query(make_query(out.params())));
  PoolPanelState b;
  read_link(b, in);
  EXPECT_TRUE(in.finish().empty());
  EXPECT_EQ(b.picture, 1);
  EXPECT_EQ(b.mode, 1);
  EXPECT_EQ(b.window, 3);
  EXPECT_EQ(b.stride, 1);
  EXPECT_EQ(b.step.position, 4);
  EXPECT_TRUE(b.show_all);
  EXPECT_EQ(b.positions_seen, -1);  // the link's choice survives the first draw
}


TEST(LessonLink, OptimizerSettingsRoundTrip) {
  OptimizerPanelState a;
  LinkWriter none;
  write_link(a, none);
  EXPECT_TRUE(none.params().empty());  // the bowl's lesson writes nothing
  a.surface = 1;
  a.steps = 200;
  a.lr[0] = 0.002f;
  a.lr[1] = 1e-3f;
  a.lr[2] = 0.05f;  // both Rosenbrock's lesson's own: not written
  a.momentum = 0.9f;
  a.beta2 = 0.99f;
  a.custom_start = true;
  a.start_x = -1.25f;
  a.start_y = 0;
  a.step.position = 7;
  a.shown_optimizer[1] = false;
  LinkWriter out;
  write_link(a, out);
  EXPECT_EQ(make_query(out.params()),
            "?opt.surface=rosenbrock&opt.steps=200&opt.lr.sgd=0.002&opt.beta2=0.99&opt.start=-1.25,0&opt.at=7&opt.momentum.on=0");
  LinkReader in(parse_query(make_query(out.params())));
  OptimizerPanelState b;
  read_link(b, in);
  EXPECT_TRUE(in.finish().empty());
  EXPECT_EQ(b.surface, 1);
  EXPECT_EQ(b.steps, 200);
  EXPECT_EQ(b.lr[0], 0.002f);
  EXPECT_EQ(b.lr[1], 1e-3f);
  EXPECT_EQ(b.lr[2], 0.05f);
  EXPECT_EQ(b.momentum, 0.9f);
  EXPECT_EQ(b.beta2, 0.99f);
  EXPECT_TRUE(b.custom_start);
  EXPECT_EQ(b.start_x, -1.25f);
  EXPECT_EQ(b.start_y, 0.0f);
  EXPECT_EQ(b.step.position, 7);
  EXPECT_TRUE(b.shown_optimizer[0]);
  EXPECT_FALSE(b.shown_optimizer[1]);
}

TEST(LessonLink, SeparableStepRoundTrip) {
  SeparablePanelState a;
  LinkWriter none;
  write_link(a, none);
  EXPECT_TRUE(none.params().empty());
  a.step.position = 102;
  LinkWriter out;
  write_link(a, out);
  EXPECT_EQ(make_query(out.params()), "?dw.at=102");
  LinkReader in(parse_query(make_query(out.params())));
  SeparablePanelState b;
  read_link(b, in);
  EXPECT_TRUE(in.finish().empty());
  EXPECT_EQ(b.step.position, 102);
}

TEST(LessonLink, BackwardSettingsRoundTrip) {
  BackwardPanelState a;
  LinkWriter none;
  write_link(a, none);
  EXPECT_TRUE(none.params().empty());
  a.example = 2;  // padding 1, stride 2 of its own: not written
  a.padding = 1;
  a.stride = 2;
  a.upstream = BackwardUpstream::kOneCell;
  a.cell = 3;
  a.step.position = 4;
  LinkWriter out;
  write_link(a, out);
  EXPECT_EQ(make_query(out.params()), "?back.in=padding-1-stride-2&back.dz=cell&back.cell=3&back.at=4");
  LinkReader in(parse_query(make_query(out.params())));
  BackwardPanelState b;
  read_link(b, in);
  EXPECT_TRUE(in.finish().empty());
  EXPECT_EQ(b.example, 2);
  EXPECT_EQ(b.padding, 1);
  EXPECT_EQ(b.stride, 2);
  EXPECT_EQ(b.upstream, BackwardUpstream::kOneCell);
  EXPECT_EQ(b.cell, 3);
  EXPECT_EQ(b.step.position, 4);
  // The first example with the third's padding: written, and read back over the example's own.
  BackwardPanelState c;
  c.padding = 2;
  LinkWriter padded;
  write_link(c, padded);
  EXPECT_EQ(make_query(padded.params()), "?back.p=2");
  LinkReader bad(parse_query("?back.in=nothing&back.s=9&back.dz=twos"));
  BackwardPanelState d;
  read_link(d, bad);
  EXPECT_EQ(bad.finish().size(), 3u);
  EXPECT_EQ(d.example, 0);
  EXPECT_EQ(d.stride, 1);
}

}  // namespace
}  // namespace cnn::ui
