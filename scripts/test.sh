#!/usr/bin/env bash
# Runs every check in order, keeps going after a failure, prints a summary
# table and exits non-zero if any step failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

names=()
results=()
durations=()
failed=0

run() {
  local name="$1"
  shift
  step "$name"
  printf '    $ %s\n' "$*"
  local start=$SECONDS
  if "$@"; then
    results+=(pass)
  else
    results+=(FAIL)
    failed=1
  fi
  names+=("$name")
  durations+=("$((SECONDS - start))")
}

# The core must stay free of web dependencies (it runs in the CLI, the app and the worker).
core_is_web_free() { ! cargo tree -p takt-core -e normal --target all | grep -E '^[^a-z]*(leptos|web-sys|gloo|js-sys|wasm-bindgen) '; }

# No way for text to become markup or code: the app builds the DOM through Leptos (text is
# escaped) or textContent, never through an HTML or eval sink (the CSP forbids eval too).
no_html_sinks() {
  ! grep -rnE 'inner_html|set_inner_html|innerHTML|outerHTML|insertAdjacentHTML|document\.write|[^_a-z]eval\(|new Function' \
    src public scripts/pwa index.html
}

run "format" cargo fmt --all --check
run "core layers and file sizes" python3 scripts/check-layers.py
run "format (fuzz targets)" cargo fmt --all --check --manifest-path fuzz/Cargo.toml
run "core has no web dependency" core_is_web_free
run "no HTML or eval sinks in the app" no_html_sinks
run "clippy (native: core, cli)" cargo clippy --workspace --exclude takt-app --all-targets -- -D warnings
run "clippy (wasm: app)" cargo clippy -p takt-app --target wasm32-unknown-unknown --all-targets -- -D warnings
run "tests (native: core, cli)" cargo test --workspace --exclude takt-app
run "fuzz smoke (3 targets × 20 s)" scripts/fuzz-smoke.sh 20
run "tests (wasm: app in headless Chromium)" cargo test -p takt-app --target wasm32-unknown-unknown --test web --test boundary
run "release build (scripts/build-web.sh)" scripts/build-web.sh
run "bundle size (525 KB a page)" scripts/bundle-size.sh
run "e2e (Playwright on dist/)" playwright test

step "Summary"
printf '    %-42s %-6s %s\n' "step" "result" "time"
for i in "${!names[@]}"; do
  color="$GREEN"
  [[ "${results[$i]}" == pass ]] || color="$RED"
  printf '    %-42s %s%-6s%s %4s s\n' "${names[$i]}" "$color" "${results[$i]}" "$RESET" "${durations[$i]}"
done
if ((failed)); then
  printf '\n%sSome checks failed.%s\n' "$RED" "$RESET"
  exit 1
fi
printf '\n%sAll checks passed.%s\n' "$GREEN" "$RESET"
