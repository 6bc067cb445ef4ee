#!/usr/bin/env bash
# Prints what the browser downloads as code from dist/ (after scripts/build-web.sh): each
# file gzipped with -9, the total, and its ratio to issue 5's budget. See docs/bundle.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

BUDGET=400000
shopt -s nullglob
files=(dist/*.wasm dist/*.js dist/snippets/*/src/*.js)
((${#files[@]})) || die "no build in dist/: run scripts/build-web.sh first"
total=0
for f in "${files[@]}"; do
  size=$(gzip -9c "$f" | wc -c)
  total=$((total + size))
  printf '%9d  %s\n' "$size" "$f"
done
awk -v t="$total" -v b="$BUDGET" 'BEGIN { printf "%9d  total gzipped: %.2f x the budget of %d KB\n", t, t / b, b / 1000 }'
