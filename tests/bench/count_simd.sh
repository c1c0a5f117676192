#!/usr/bin/env bash
# Counts the WebAssembly SIMD (v128) instructions in a .wasm and fails below a floor: the proof
# that the module we ship was built with -msimd128 and kept its vector kernels. A property check,
# not a timing, so it runs in `make test` (ctest, Emscripten build only).
#
#   tests/bench/count_simd.sh FILE.wasm [MIN_V128 [MIN_F32X4_ARITH]]
#
# MIN_V128 floors every v128/iNxM/fNxM instruction (the regex of TOOLCHAIN.md). Loads, stores and
# constants alone can come from the compiler vectorizing copies, so MIN_F32X4_ARITH also floors
# the float arithmetic (f32x4 add, sub, mul, div, min, max, pmin, pmax) that the kernels are made of.
set -euo pipefail

wasm=${1:?usage: count_simd.sh FILE.wasm [MIN_V128 [MIN_F32X4_ARITH]]}
min_v128=${2:-1500}
min_arith=${3:-300}
command -v wasm-objdump >/dev/null || { echo "count_simd: wasm-objdump not found (apt-get install wabt)" >&2; exit 1; }
[[ -f $wasm ]] || { echo "count_simd: $wasm not found (build it first)" >&2; exit 1; }

# One mnemonic per SIMD instruction, e.g. "f32x4.mul", "v128.load".
ops=$(wasm-objdump -d "$wasm" | grep -oE '\|\s+(v128|[if](8x16|16x8|32x4|64x2))\.[a-z0-9_]+' \
      | awk '{ print $2 }' || true)
v128=$(grep -c . <<<"$ops" || true)
arith=$(grep -cE '^f32x4\.(add|sub|mul|div|min|max|pmin|pmax)$' <<<"$ops" || true)

echo "count_simd: $wasm: $v128 SIMD instructions (floor $min_v128), $arith f32x4 arithmetic (floor $min_arith)"
echo "count_simd: most used: $(sort <<<"$ops" | uniq -c | sort -rn | head -8 | awk '{ print $2 " " $1 }' | paste -sd, - | sed "s/,/, /g")"
if (( v128 < min_v128 || arith < min_arith )); then
  echo "count_simd: FAIL: too few SIMD instructions: was the engine built with -msimd128 and its wasmsimd kernels?" >&2
  exit 1
fi
echo "count_simd: OK"
