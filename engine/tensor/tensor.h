// Tensor: float32, NCHW, contiguous, W fastest.
//
// Activations: [N][C][H][W]. A dense layer's activations are [N][C] with H = W = 1.
// Conv2D weight [OC][IC][KH][KW], bias [OC]. Dense weight [OUT][IN], bias [OUT].
// A gradient has the shape of the value it differentiates.
// SIMD kernels vectorize along W and finish with a scalar tail.
//
// Storage is 64-byte aligned (>= the 16 bytes that SIMD loads want). Resizing to a
// smaller or equal element count never reallocates, so a model sized for batch 64
// can run the last, shorter batch of an epoch without touching the allocator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cnn {

constexpr size_t kTensorAlignment = 64;

// Shape of one sample: channels, height, width. The batch size travels separately.
struct Shape3 {
  int c = 1, h = 1, w = 1;
  int64_t size() const { return int64_t(c) * h * w; }
  bool operator==(const Shape3& o) const { return c == o.c && h == o.h && w == o.w; }
  bool operator!=(const Shape3& o) const { return !(*this == o); }
  std::string str() const;  // Keras order: "28x28x6" (H x W x C), "400" for C-only shapes
};

template <typename T>
struct AlignedAllocator {
  using value_type = T;
  AlignedAllocator() = default;
  template <typename U>
  AlignedAllocator(const AlignedAllocator<U>&) {}
  T* allocate(size_t n);
  void deallocate(T* p, size_t) noexcept;
  template <typename U>
  bool operator==(const AlignedAllocator<U>&) const { return true; }
  template <typename U>
  bool operator!=(const AlignedAllocator<U>&) const { return false; }
};

using AlignedFloats = std::vector<float, AlignedAllocator<float>>;

class Tensor {
 public:
  Tensor() = default;
  Tensor(int n, Shape3 shape) { resize(n, shape); }

  void resize(int n, Shape3 shape);
  void zero();
  void fill(float value);

  int n() const { return n_; }
  const Shape3& shape() const { return shape_; }
  int c() const { return shape_.c; }
  int h() const { return shape_.h; }
  int w() const { return shape_.w; }
  int64_t sample_size() const { return shape_.size(); }
  int64_t size() const { return int64_t(n_) * shape_.size(); }

  float* data() { return data_.data(); }
  const float* data() const { return data_.data(); }
  float* sample(int i) { return data_.data() + i * sample_size(); }
  const float* sample(int i) const { return data_.data() + i * sample_size(); }
  float& at(int n, int c, int h, int w) {
    return data_[((int64_t(n) * shape_.c + c) * shape_.h + h) * shape_.w + w];
  }
  float at(int n, int c, int h, int w) const {
    return data_[((int64_t(n) * shape_.c + c) * shape_.h + h) * shape_.w + w];
  }
  float& operator[](int64_t i) { return data_[i]; }
  float operator[](int64_t i) const { return data_[i]; }

 private:
  int n_ = 0;
  Shape3 shape_{0, 0, 0};
  AlignedFloats data_;
};

}  // namespace cnn
