// IDX (MNIST) reader: good files parse; truncated, padded, foreign and hostile ones are
// clear errors, never crashes or partial reads.
#include <gtest/gtest.h>

#include "data/dataset.h"
#include "io/idx.h"

namespace cnn {
namespace {

std::vector<uint8_t> be32(uint32_t v) { return {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)}; }

std::vector<uint8_t> images_file(uint32_t count, uint32_t rows, uint32_t cols, size_t pixels) {
  std::vector<uint8_t> f = be32(0x00000803);
  for (uint32_t v : {count, rows, cols})
    for (uint8_t b : be32(v)) f.push_back(b);
  for (size_t i = 0; i < pixels; ++i) f.push_back(uint8_t(i * 7));
  return f;
}

std::vector<uint8_t> labels_file(uint32_t count, std::vector<uint8_t> labels) {
  std::vector<uint8_t> f = be32(0x00000801);
  for (uint8_t b : be32(count)) f.push_back(b);
  f.insert(f.end(), labels.begin(), labels.end());
  return f;
}

void expect_error(const Expected<IdxImages>& r, const std::string& words) {
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find(words), std::string::npos) << r.error();
}

TEST(Idx, ReadsImagesAndLabels) {
  std::vector<uint8_t> img = images_file(2, 3, 4, 24);
  Expected<IdxImages> r = parse_idx_images(img.data(), img.size(), "x");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->count, 2);
  EXPECT_EQ(r->rows, 3);
  EXPECT_EQ(r->cols, 4);
  EXPECT_EQ(r->pixels[5], uint8_t(35));
  std::vector<uint8_t> lab = labels_file(2, {7, 1});
  Expected<Dataset> d = make_dataset(img.data(), img.size(), lab.data(), lab.size(), "tiny");
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d->labels[0], 7);
  Tensor x;
  int32_t labels[2];
  d->slice(0, 2, x, labels);
  EXPECT_FLOAT_EQ(x[1], 7.0f / 255.0f);
  EXPECT_EQ(labels[1], 1);
}

TEST(Idx, TruncatedAndPaddedFilesAreErrors) {
  std::vector<uint8_t> img = images_file(2, 3, 4, 23);
  expect_error(parse_idx_images(img.data(), img.size(), "train-images"), "truncated");
  img = images_file(2, 3, 4, 25);
  expect_error(parse_idx_images(img.data(), img.size(), "train-images"), "trailing data");
  for (size_t cut : {0, 3, 8, 15}) expect_error(parse_idx_images(img.data(), cut, "train-images"), "too short");
  std::vector<uint8_t> lab = labels_file(3, {1, 2});
  Expected<std::vector<uint8_t>> l = parse_idx_labels(lab.data(), lab.size(), "labels");
  ASSERT_FALSE(l.ok());
  EXPECT_NE(l.error().find("truncated"), std::string::npos) << l.error();
}

TEST(Idx, ForeignAndSwappedFilesAreErrors) {
  std::vector<uint8_t> lab = labels_file(2, {1, 2});
  expect_error(parse_idx_images(lab.data(), lab.size(), "x"), "this is an IDX label file");
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  expect_error(parse_idx_images(png.data(), png.size(), "x"), "magic 0x89504E47");
}

TEST(Idx, HostileHeadersDoNotAllocate) {
  // 4 billion images of 4096x4096 claimed by a 16-byte file: refused before any allocation.
  std::vector<uint8_t> img = images_file(0xFFFFFFFFu, 4096, 4096, 0);
  expect_error(parse_idx_images(img.data(), img.size(), "x"), "truncated");
  img = images_file(1, 0, 28, 0);
  expect_error(parse_idx_images(img.data(), img.size(), "x"), "not plausible");
  img = images_file(1, 100000, 28, 0);
  expect_error(parse_idx_images(img.data(), img.size(), "x"), "not plausible");
}

TEST(Idx, DatasetChecksCountsAndLabels) {
  std::vector<uint8_t> img = images_file(2, 2, 2, 8);
  std::vector<uint8_t> lab = labels_file(3, {1, 2, 3});
  Expected<Dataset> d = make_dataset(img.data(), img.size(), lab.data(), lab.size(), "tiny");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().find("2 images but 3 labels"), std::string::npos) << d.error();
  lab = labels_file(2, {1, 12});
  d = make_dataset(img.data(), img.size(), lab.data(), lab.size(), "tiny");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().find("label 12 at index 1"), std::string::npos) << d.error();
}

// Issue 13, item 8: an empty set made training fail on "batch size 32 is not in 1..0" and
// evaluation report an accuracy of 0 with exit status 0.
TEST(Idx, ADatasetWithoutImagesIsAnError) {
  std::vector<uint8_t> img = images_file(0, 28, 28, 0);
  std::vector<uint8_t> lab = labels_file(0, {});
  Expected<Dataset> d = make_dataset(img.data(), img.size(), lab.data(), lab.size(), "empty");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error(), "empty images: the set holds no images");
}

TEST(Idx, MissingFolderNamesTheFile) {
  Expected<Dataset> d = load_mnist("/nonexistent/mnist", "train");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().find("/nonexistent/mnist/train-images-idx3-ubyte: cannot open"), std::string::npos) << d.error();
}

}  // namespace
}  // namespace cnn
