#!/usr/bin/env bash
# A short run of every fuzz target (docs/fuzzing.md), starting from the committed seeds.
# Usage: scripts/fuzz-smoke.sh [SECONDS per target, default 20]
# New inputs go to a scratch corpus under fuzz/target, so the seeds stay as committed.
# A finding stops the run with its input in fuzz/artifacts/<target>/ and a non-zero exit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
seconds="${1:-20}"
# Built first and on its own, so a build error is shown in full (the runs' output is filtered).
step "build the fuzz targets"
cargo fuzz build --sanitizer none
for target in scenario engine result_file; do
  scratch="fuzz/target/smoke-corpus/$target"
  rm -rf "$scratch" && mkdir -p "$scratch"
  step "fuzz $target for $seconds s"
  cargo fuzz run "$target" --sanitizer none "$scratch" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -timeout=30 -seed=1 -print_final_stats=1 2>&1 \
    | grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec)|DONE|ERROR|panicked|Test unit written'
done
