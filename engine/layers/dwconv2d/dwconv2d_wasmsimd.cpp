// Depthwise convolution with four-lane vectors.
//
// Each (sample, channel) plane is copied once into a zero-bordered buffer xp[HP][WP]
// (HP = IH + 2*pad_h, WP = IW + 2*pad_w), so every window element is in bounds.
//   stride 1: the output is computed on "wide" rows of WP columns, as conv2d_wasmsimd.cpp
//             does: output (i, j) sits at q = i*WP + j and window element (u, v) of every
//             output is xp at q + u*WP + v, so each (u, v) is one long vector loop over
//             Q = (OH-1)*WP + OW values (MobileNet's 7x7 planes would otherwise run one vector
//             and a 3-wide scalar tail per row). The WP - OW columns between rows are
//             computed and dropped; in backward they hold zeros, so they add nothing.
//   stride 2: four outputs of a row from two loads split into even lanes (f32x4_even); in
//             dx, kernel columns v and v + 1 side by side (f32x4_zip_*, below);
//   other strides: the same loops with scalar reads.
//   forward:  y += w[u][v] * (shifted xp) for each (u, v), in the reference's order, so the
//             sums match it up to the zero terms it skips;
//   backward: dw[u][v] += dot(dy, shifted xp) per (u, v) with four partial sums (a different
//             order: the tests allow 1e-5); dx accumulates w[u][v] * dy into a bordered dxp,
//             then its interior is copied out.
// Why not im2col + GEMM: each channel has one kernel, so the "matrix product" is a row
// times KH*KW columns; the copy would cost more than the arithmetic it feeds.
// Workspace: xp and dxp, one plane each, plus 8 floats of slack for the stride-2 loads that
// read past the last row's end (their odd lanes are dropped); the wide output (Q floats).
#include <cstring>

#include "layers/dwconv2d/dwconv2d_kernels.h"
#include "simd/simd_f32.h"

namespace cnn {
namespace {

struct Bordered {
  int hp, wp;
  size_t floats;  // one plane, with slack
};

Bordered bordered(const DwConv2DShape& s) {
  Bordered b;
  b.hp = s.ih + 2 * s.pad_h;
  b.wp = s.iw + 2 * s.pad_w;
  b.floats = size_t(b.hp) * size_t(b.wp) + 8;
  return b;
}

void fill_bordered(const DwConv2DShape& s, const Bordered& b, const float* plane, float* xp) {
  std::memset(xp, 0, sizeof(float) * b.floats);
  for (int i = 0; i < s.ih; ++i)
    std::memcpy(xp + (i + s.pad_h) * b.wp + s.pad_w, plane + i * s.iw, sizeof(float) * s.iw);
}

// The image part of a bordered plane, back into a plain one.
void copy_interior(const DwConv2DShape& s, const Bordered& b, const float* bordered_plane, float* plane) {
  for (int i = 0; i < s.ih; ++i)
    std::memcpy(plane + i * s.iw, bordered_plane + (i + s.pad_h) * b.wp + s.pad_w, sizeof(float) * s.iw);
}

// Outputs j0..j0+3 of a row whose window element starts at `src` (row and column v applied).
inline f32x4 load_strided(const float* src, int j0, int stride) {
  if (stride == 1) return f32x4_load(src + j0);
  return f32x4_even(f32x4_load(src + 2 * j0), f32x4_load(src + 2 * j0 + 4));
}

int vector_outputs(const DwConv2DShape& s) { return s.stride == 2 ? s.ow & ~3 : 0; }

// Stride 1: Q = (OH - 1) * WP + OW wide-row positions.
int wide_count(const DwConv2DShape& s, const Bordered& b) { return (s.oh - 1) * b.wp + s.ow; }

// out[q] (+)= w * src[q] over q in [0, n): the stride-1 inner loop, forward and dx.
void axpy(float* out, const float* src, float w, int n) {
  const f32x4 wv = f32x4_splat(w);
  int q = 0;
  for (; q + 4 <= n; q += 4) f32x4_store(out + q, f32x4_add(f32x4_load(out + q), f32x4_mul(wv, f32x4_load(src + q))));
  for (; q < n; ++q) out[q] += w * src[q];
}

float dot(const float* a, const float* b, int n) {
  f32x4 acc = f32x4_zero();
  int q = 0;
  for (; q + 4 <= n; q += 4) acc = f32x4_add(acc, f32x4_mul(f32x4_load(a + q), f32x4_load(b + q)));
  float sum = f32x4_hsum(acc);
  for (; q < n; ++q) sum += a[q] * b[q];
  return sum;
}

}  // namespace

Count f32_dwconv2d_workspace__wasmsimd(const DwConv2DShape& s) {
  const Count wp = Count(s.iw) + Count(2) * s.pad_w;
  const Count plane = (Count(s.ih) + Count(2) * s.pad_h) * wp + 8;
  const Count wide = Count(s.oh) * wp;  // at least Q
  return plane * 2 + wide;
}

void f32_dwconv2d_fwd__wasmsimd(const DwConv2DShape& s, const float* x, const float* w, const float* b, float* y,
                                float* workspace) {
  const Bordered L = bordered(s);
  float* xp = workspace;
  float* wide = workspace + 2 * L.floats;
  const int jv = vector_outputs(s);
  for (int n = 0; n < s.n; ++n)
    for (int c = 0; c < s.c; ++c) {
      fill_bordered(s, L, x + (n * s.c + c) * s.ih * s.iw, xp);
      const float* k = w + c * s.kh * s.kw;
      float* out = y + (n * s.c + c) * s.oh * s.ow;
      if (s.stride == 1) {
        const int Q = wide_count(s, L);
        for (int q = 0; q < Q; ++q) wide[q] = b[c];
        for (int u = 0; u < s.kh; ++u)
          for (int v = 0; v < s.kw; ++v) axpy(wide, xp + u * L.wp + v, k[u * s.kw + v], Q);
        for (int i = 0; i < s.oh; ++i) std::memcpy(out + i * s.ow, wide + i * L.wp, sizeof(float) * s.ow);
        continue;
      }
      for (int i = 0; i < s.oh; ++i) {
        float* row = out + i * s.ow;
        for (int j = 0; j < s.ow; ++j) row[j] = b[c];
        for (int u = 0; u < s.kh; ++u)
          for (int v = 0; v < s.kw; ++v) {
            const float kv = k[u * s.kw + v];
            const float* src = xp + (i * s.stride + u) * L.wp + v;
            const f32x4 wv = f32x4_splat(kv);
            int j = 0;
            for (; j < jv; j += 4)
              f32x4_store(row + j, f32x4_add(f32x4_load(row + j), f32x4_mul(wv, load_strided(src, j, s.stride))));
            for (; j < s.ow; ++j) row[j] += kv * src[j * s.stride];
          }
      }
    }
}

void f32_dwconv2d_bwd__wasmsimd(const DwConv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                                float* dw, float* db, float* workspace) {
  const Bordered L = bordered(s);
  float* xp = workspace;
  float* dxp = workspace + L.floats;
  float* wide = workspace + 2 * L.floats;
  const int jv = vector_outputs(s);
  std::memset(dw, 0, sizeof(float) * s.c * s.kh * s.kw);
  std::memset(db, 0, sizeof(float) * s.c);
  for (int n = 0; n < s.n; ++n)
    for (int c = 0; c < s.c; ++c) {
      fill_bordered(s, L, x + (n * s.c + c) * s.ih * s.iw, xp);
      const float* g = dy + (n * s.c + c) * s.oh * s.ow;
      const float* k = w + c * s.kh * s.kw;
      float* dk = dw + c * s.kh * s.kw;
      f32x4 gsum = f32x4_zero();
      float gtail = 0.0f;
      for (int i = 0; i < s.oh; ++i) {
        const float* grow = g + i * s.ow;
        int j = 0;
        for (; j + 4 <= s.ow; j += 4) gsum = f32x4_add(gsum, f32x4_load(grow + j));
        for (; j < s.ow; ++j) gtail += grow[j];
      }
      db[c] += f32x4_hsum(gsum) + gtail;
      if (s.stride == 1) {
        // dy on wide rows, zeros in the columns between them.
        const int Q = wide_count(s, L);
        for (int i = 0; i < s.oh; ++i) {
          std::memcpy(wide + i * L.wp, g + i * s.ow, sizeof(float) * s.ow);
          if (i + 1 < s.oh) std::memset(wide + i * L.wp + s.ow, 0, sizeof(float) * (L.wp - s.ow));
        }
        for (int u = 0; u < s.kh; ++u)
          for (int v = 0; v < s.kw; ++v) dk[u * s.kw + v] += dot(wide, xp + u * L.wp + v, Q);
        if (!dx) continue;
        std::memset(dxp, 0, sizeof(float) * L.floats);
        for (int u = 0; u < s.kh; ++u)
          for (int v = 0; v < s.kw; ++v) axpy(dxp + u * L.wp + v, wide, k[u * s.kw + v], Q);
        copy_interior(s, L, dxp, dx + (n * s.c + c) * s.ih * s.iw);
        continue;
      }
      for (int u = 0; u < s.kh; ++u)
        for (int v = 0; v < s.kw; ++v) {
          f32x4 acc = f32x4_zero();
          float tail = 0.0f;
          for (int i = 0; i < s.oh; ++i) {
            const float* grow = g + i * s.ow;
            const float* src = xp + (i * s.stride + u) * L.wp + v;
            int j = 0;
            for (; j < jv; j += 4) acc = f32x4_add(acc, f32x4_mul(f32x4_load(grow + j), load_strided(src, j, s.stride)));
            for (; j < s.ow; ++j) tail += grow[j] * src[j * s.stride];
          }
          dk[u * s.kw + v] += f32x4_hsum(acc) + tail;
        }
      if (!dx) continue;
      std::memset(dxp, 0, sizeof(float) * L.floats);
      for (int i = 0; i < s.oh; ++i) {
        const float* grow = g + i * s.ow;
        for (int u = 0; u < s.kh; ++u) {
          float* row = dxp + (i * s.stride + u) * L.wp;
          if (s.stride == 2) {
            // Kernel columns v and v + 1 land on columns 2j + v and 2j + v + 1: side by side,
            // so four dy values make eight neighbouring dx values (interleaved, f32x4_zip_*).
            // A lone last column pairs with 0 and adds 0 to the column after it (at most the
            // next row's first, or the slack after the plane).
            for (int v = 0; v < s.kw; v += 2) {
              const float k0 = k[u * s.kw + v], k1 = v + 1 < s.kw ? k[u * s.kw + v + 1] : 0.0f;
              const f32x4 w0 = f32x4_splat(k0), w1 = f32x4_splat(k1);
              float* dst = row + v;
              int j = 0;
              for (; j + 4 <= s.ow; j += 4) {
                const f32x4 gv = f32x4_load(grow + j);
                const f32x4 a = f32x4_mul(w0, gv), b = f32x4_mul(w1, gv);
                f32x4_store(dst + 2 * j, f32x4_add(f32x4_load(dst + 2 * j), f32x4_zip_lo(a, b)));
                f32x4_store(dst + 2 * j + 4, f32x4_add(f32x4_load(dst + 2 * j + 4), f32x4_zip_hi(a, b)));
              }
              for (; j < s.ow; ++j) {
                dst[2 * j] += k0 * grow[j];
                if (v + 1 < s.kw) dst[2 * j + 1] += k1 * grow[j];
              }
            }
            continue;
          }
          for (int v = 0; v < s.kw; ++v) {
            const float kv = k[u * s.kw + v];
            float* dst = row + v;
            for (int j = 0; j < s.ow; ++j) dst[j * s.stride] += kv * grow[j];  // strides 3+: scattered, scalar
          }
        }
      }
      copy_interior(s, L, dxp, dx + (n * s.c + c) * s.ih * s.iw);
    }
}

}  // namespace cnn
