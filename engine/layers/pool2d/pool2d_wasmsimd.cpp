// Pooling with four-lane vectors: four neighbouring outputs of a row at a time.
//
// How it differs from the scalar reference (pool2d_scalar.cpp):
//   forward, stride 1: window element (u, v) of outputs j..j+3 is one unaligned load;
//            stride 2: two loads split into even lanes (f32x4_even), e.g. LeNet's 2x2/2;
//            other strides: the scalar loops. Max keeps its argmax in integer lanes with
//            the same strict ">" in the same window order, so ties resolve alike (the
//            first largest) and results are bit-identical; the average sums in the same
//            order, so it is bit-identical too.
//   backward, 2x2 windows with stride 2 (no overlap): every input pixel is written once,
//            as (argmax == its index) ? dy : 0 or dy / 4, with the two columns of each
//            window interleaved (f32x4_zip_*), instead of clearing dx and scattering;
//            other shapes: clear dx and scatter, as the reference does.
//   padded windows (Inception's 3x3 stride-1 pool branch): the reference loops, forward and
//            backward; the branch is a small part of the block's time.
// The last outputs of a row that do not fill four lanes, or whose loads would pass the end
// of the row, take the scalar tail.
#include <cstring>

#include "layers/pool2d/pool2d_kernels.h"
#include "simd/simd_f32.h"

namespace cnn {
namespace {

// Outputs [0, end) of a row can use vector loads: for stride 2 the second load of the last
// group reads up to column 2*j0 + kw + 6, which must stay inside the row.
int vector_end(const Pool2DShape& s) {
  if (s.stride == 1) return s.ow & ~3;
  if (s.stride != 2) return 0;
  int end = 0;
  while (end + 4 <= s.ow && 2 * end + s.kw + 7 <= s.iw) end += 4;
  return end;
}

// Window element at input row `in` (already offset by u*iw), column offset v, for outputs
// j0..j0+3.
inline f32x4 load_window(const float* in, int j0, int v, int stride) {
  if (stride == 1) return f32x4_load(in + j0 + v);
  return f32x4_even(f32x4_load(in + 2 * j0 + v), f32x4_load(in + 2 * j0 + v + 4));
}

bool is_2x2_stride_2(const Pool2DShape& s) {
  return s.kh == 2 && s.kw == 2 && s.stride == 2 && s.pad_h == 0 && s.pad_w == 0;
}

// Windows cut by the border have fewer cells; these take the reference loops.
bool padded(const Pool2DShape& s) { return s.pad_h != 0 || s.pad_w != 0; }

// Zeroes the input columns right of the last window (odd widths) and rows below it.
void clear_uncovered(const Pool2DShape& s, float* plane) {
  for (int r = 0; r < 2 * s.oh; ++r)
    for (int c = 2 * s.ow; c < s.iw; ++c) plane[r * s.iw + c] = 0.0f;
  for (int r = 2 * s.oh; r < s.ih; ++r) std::memset(plane + r * s.iw, 0, sizeof(float) * s.iw);
}

}  // namespace

void f32_maxpool_fwd__wasmsimd(const Pool2DShape& s, const float* x, float* y, int32_t* argmax) {
  if (padded(s)) {
    f32_maxpool_fwd__scalar(s, x, y, argmax);
    return;
  }
  const int jv = vector_end(s);
  const i32x4 lane_offsets = i32x4_make(0, s.stride, 2 * s.stride, 3 * s.stride);
  for (int p = 0; p < s.n * s.c; ++p) {
    const float* plane = x + p * s.ih * s.iw;
    for (int i = 0; i < s.oh; ++i) {
      const int out_row = (p * s.oh + i) * s.ow;
      const float* top = plane + i * s.stride * s.iw;
      int j = 0;
      for (; j < jv; j += 4) {
        f32x4 best = load_window(top, j, 0, s.stride);
        i32x4 best_idx = i32x4_add(lane_offsets, i32x4_splat(i * s.stride * s.iw + j * s.stride));
        for (int u = 0; u < s.kh; ++u)
          for (int v = 0; v < s.kw; ++v) {
            const f32x4 val = load_window(top + u * s.iw, j, v, s.stride);
            const f32x4 greater = f32x4_gt(val, best);
            best = f32x4_select(greater, val, best);
            const i32x4 idx = i32x4_add(lane_offsets, i32x4_splat((i * s.stride + u) * s.iw + j * s.stride + v));
            best_idx = i32x4_select(greater, idx, best_idx);
          }
        f32x4_store(y + out_row + j, best);
        if (argmax) i32x4_store(argmax + out_row + j, best_idx);
      }
      for (; j < s.ow; ++j) {  // scalar tail
        int best = (i * s.stride) * s.iw + j * s.stride;
        for (int u = 0; u < s.kh; ++u)
          for (int v = 0; v < s.kw; ++v) {
            const int idx = (i * s.stride + u) * s.iw + j * s.stride + v;
            if (plane[idx] > plane[best]) best = idx;
          }
        y[out_row + j] = plane[best];
        if (argmax) argmax[out_row + j] = best;
      }
    }
  }
}

void f32_maxpool_bwd__wasmsimd(const Pool2DShape& s, const int32_t* argmax, const float* dy, float* dx) {
  if (!is_2x2_stride_2(s)) {
    f32_maxpool_bwd__scalar(s, argmax, dy, dx);
    return;
  }
  const i32x4 even_columns = i32x4_make(0, 2, 4, 6);
  for (int p = 0; p < s.n * s.c; ++p) {
    float* plane = dx + p * s.ih * s.iw;
    for (int i = 0; i < s.oh; ++i) {
      const int out_row = (p * s.oh + i) * s.ow;
      for (int u = 0; u < 2; ++u) {
        const int r = 2 * i + u;
        float* row = plane + r * s.iw;
        int j = 0;
        for (; j + 4 <= s.ow; j += 4) {
          const f32x4 g = f32x4_load(dy + out_row + j);
          const i32x4 am = i32x4_load(argmax + out_row + j);
          const i32x4 left = i32x4_add(even_columns, i32x4_splat(r * s.iw + 2 * j));
          const f32x4 gl = f32x4_and(i32x4_eq(am, left), g);
          const f32x4 gr = f32x4_and(i32x4_eq(am, i32x4_add(left, i32x4_splat(1))), g);
          f32x4_store(row + 2 * j, f32x4_zip_lo(gl, gr));
          f32x4_store(row + 2 * j + 4, f32x4_zip_hi(gl, gr));
        }
        for (; j < s.ow; ++j) {  // scalar tail
          const int left = r * s.iw + 2 * j;
          const float g = dy[out_row + j];
          const int32_t am = argmax[out_row + j];
          row[2 * j] = am == left ? g : 0.0f;
          row[2 * j + 1] = am == left + 1 ? g : 0.0f;
        }
      }
    }
    clear_uncovered(s, plane);
  }
}

void f32_avgpool_fwd__wasmsimd(const Pool2DShape& s, const float* x, float* y) {
  if (padded(s)) {
    f32_avgpool_fwd__scalar(s, x, y);
    return;
  }
  const int jv = vector_end(s);
  const float scale = 1.0f / float(s.kh * s.kw);
  const f32x4 vscale = f32x4_splat(scale);
  for (int p = 0; p < s.n * s.c; ++p) {
    const float* plane = x + p * s.ih * s.iw;
    for (int i = 0; i < s.oh; ++i) {
      const int out_row = (p * s.oh + i) * s.ow;
      const float* top = plane + i * s.stride * s.iw;
      int j = 0;
      for (; j < jv; j += 4) {
        f32x4 sum = f32x4_zero();
        for (int u = 0; u < s.kh; ++u)
          for (int v = 0; v < s.kw; ++v) sum = f32x4_add(sum, load_window(top + u * s.iw, j, v, s.stride));
        f32x4_store(y + out_row + j, f32x4_mul(sum, vscale));
      }
      for (; j < s.ow; ++j) {  // scalar tail
        float sum = 0.0f;
        for (int u = 0; u < s.kh; ++u)
          for (int v = 0; v < s.kw; ++v) sum += top[u * s.iw + j * s.stride + v];
        y[out_row + j] = sum * scale;
      }
    }
  }
}

void f32_avgpool_bwd__wasmsimd(const Pool2DShape& s, const float* dy, float* dx) {
  if (!is_2x2_stride_2(s)) {
    f32_avgpool_bwd__scalar(s, dy, dx);
    return;
  }
  const f32x4 quarter = f32x4_splat(0.25f);
  for (int p = 0; p < s.n * s.c; ++p) {
    float* plane = dx + p * s.ih * s.iw;
    for (int i = 0; i < s.oh; ++i) {
      const float* g = dy + (p * s.oh + i) * s.ow;
      float* row0 = plane + 2 * i * s.iw;
      float* row1 = row0 + s.iw;
      int j = 0;
      for (; j + 4 <= s.ow; j += 4) {
        const f32x4 q = f32x4_mul(f32x4_load(g + j), quarter);
        const f32x4 lo = f32x4_zip_lo(q, q), hi = f32x4_zip_hi(q, q);
        f32x4_store(row0 + 2 * j, lo);
        f32x4_store(row0 + 2 * j + 4, hi);
        f32x4_store(row1 + 2 * j, lo);
        f32x4_store(row1 + 2 * j + 4, hi);
      }
      for (; j < s.ow; ++j) {  // scalar tail
        const float q = g[j] * 0.25f;
        row0[2 * j] = row0[2 * j + 1] = row1[2 * j] = row1[2 * j + 1] = q;
      }
    }
    clear_uncovered(s, plane);
  }
}

}  // namespace cnn
