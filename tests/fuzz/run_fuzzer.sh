#!/usr/bin/env bash
# One libFuzzer harness for $CNN_FUZZ_SECONDS (default 15): run_fuzzer.sh BIN CORPUS CRASHES SEEDS REGRESSIONS
# First the inputs that once crashed it (each must now pass), then fuzzing from the seeds.
# Memory is capped (-rss_limit_mb, -malloc_limit_mb): an input that makes the engine allocate
# more than 2 GB is a finding, as it would be the page's worker dying.
set -euo pipefail
bin=$1 corpus=$2 crashes=$3 seeds=$4 regressions=$5
seconds=${CNN_FUZZ_SECONDS:-15}
limits=(-rss_limit_mb=2048 -malloc_limit_mb=2048)
mkdir -p "$corpus" "$crashes" "$regressions"
mapfile -t old < <(find "$regressions" -type f ! -name '.*' | sort)
if [[ ${#old[@]} -gt 0 ]]; then "$bin" "${limits[@]}" "${old[@]}"; fi
"$bin" "${limits[@]}" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$crashes/$(basename "$bin")-" \
  "$corpus" "$seeds" "$regressions"
