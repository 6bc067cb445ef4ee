#!/usr/bin/env bash
# Prints what each page downloads as code from dist/ (after scripts/build-web.sh): each
# file gzipped with -9 and the page's total, and fails when a page is over its budget of
# 525 KB (the trainee's page, index.html; the instructor's page, desk.html: desk and
# editor; the desk's classroom mode, classroom.html; the course's sheets, sheets.html). The web worker, service worker and JS snippets count for both. The best-plan
# search's module (takt-optimize), which the desk loads into a worker only when asked, is
# printed apart and counts for neither. See docs/bundle.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# 525 KB since issue 20 (the floor plan, the logistician, the layout card): docs/bundle.md.
BUDGET=525000
shopt -s nullglob
trainee=(dist/takt-app-*.wasm dist/takt-app-*.js dist/start-*.js)
desk=(dist/takt-desk-*.wasm dist/takt-desk-*.js dist/desk-start-*.js)
room=(dist/takt-room-*.wasm dist/takt-room-*.js dist/classroom-start-*.js)
sheets=(dist/takt-sheets-*.wasm dist/takt-sheets-*.js dist/sheets-start-*.js)
shared=(dist/worker.js dist/sw.js dist/snippets/*/src/platform/*.js)
optimizer=(dist/takt-optimize-*.wasm dist/takt-optimize-*.js)
((${#trainee[@]} == 3)) || die "no trainee's page in dist/: run scripts/build-web.sh first"
((${#desk[@]} == 3)) || die "no instructor's page in dist/: run scripts/build-web.sh first"
((${#room[@]} == 3)) || die "no classroom page in dist/: run scripts/build-web.sh first"
((${#sheets[@]} == 3)) || die "no sheets page in dist/: run scripts/build-web.sh first"
((${#optimizer[@]} == 2)) || die "no best-plan module in dist/: run scripts/build-web.sh first"
# Every code file of the build is counted somewhere.
for f in dist/*.wasm dist/*.js; do
  [[ " ${trainee[*]} ${desk[*]} ${room[*]} ${sheets[*]} ${shared[*]} ${optimizer[*]} " == *" $f "* ]] || die "$f belongs to no page: update $0"
done

over=0
# Prints the files of one page and its total against the budget; sets over=1 past it.
page() {
  local name="$1" size f
  shift
  total=0
  printf '%s\n' "$name"
  for f in "$@"; do
    size=$(gzip -9c "$f" | wc -c)
    total=$((total + size))
    printf '%9d  %s\n' "$size" "$f"
  done
  awk -v t="$total" -v b="$BUDGET" 'BEGIN { printf "%9d  total gzipped: %.2f x the budget of %d KB\n\n", t, t / b, b / 1000 }'
  if ((total > BUDGET)); then
    printf '%s%s is over its budget by %d bytes%s\n\n' "$RED" "$name" "$((total - BUDGET))" "$RESET"
    over=1
  fi
}
page "the trainee's page (index.html)" "${trainee[@]}" "${shared[@]}"
page "the instructor's page (desk.html)" "${desk[@]}" "${shared[@]}"
page "the desk's classroom mode (classroom.html)" "${room[@]}" "${shared[@]}"
page "the course's sheets (sheets.html)" "${sheets[@]}" "${shared[@]}"
# On demand: counted apart, so its total does not fail the check.
keep=$over
page "the best-plan search, loaded by the desk when asked (not part of either page)" "${optimizer[@]}"
over=$keep
exit "$over"
