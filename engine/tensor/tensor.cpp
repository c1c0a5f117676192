#include "tensor/tensor.h"

#include <algorithm>
#include <cstdlib>
#include <new>

namespace cnn {

std::string Shape3::str() const {
  if (h == 1 && w == 1) return std::to_string(c);
  return std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(c);
}

template <typename T>
T* AlignedAllocator<T>::allocate(size_t n) {
  size_t bytes = (n * sizeof(T) + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment;
  void* p = std::aligned_alloc(kTensorAlignment, bytes == 0 ? kTensorAlignment : bytes);
  if (!p) throw std::bad_alloc();
  return static_cast<T*>(p);
}

template <typename T>
void AlignedAllocator<T>::deallocate(T* p, size_t) noexcept {
  std::free(p);
}

template struct AlignedAllocator<float>;

void Tensor::resize(int n, Shape3 shape) {
  n_ = n;
  shape_ = shape;
  data_.resize(size_t(size()));
}

void Tensor::zero() { std::fill(data_.begin(), data_.end(), 0.0f); }
void Tensor::fill(float value) { std::fill(data_.begin(), data_.end(), value); }

}  // namespace cnn
