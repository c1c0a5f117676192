// libFuzzer: IDX image and label files (io/idx.h, data/dataset.h) are parsed or refused, never
// crash, and never allocate more than the bytes present justify. The first byte splits the rest
// into the images file and the labels file.
#include <cstdint>

#include "data/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t split = size_t(data[0]) * (size - 1) / 255;
  const uint8_t* images = data + 1;
  cnn::Expected<cnn::Dataset> d = cnn::make_dataset(images, split, images + split, size - 1 - split, "fuzz");
  if (d && (d->count <= 0 || d->labels.size() != size_t(d->count) ||
            d->pixels.size() != size_t(d->count) * size_t(d->rows) * size_t(d->cols)))
    __builtin_trap();
  return 0;
}
