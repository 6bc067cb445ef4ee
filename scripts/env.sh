# Common environment for the scripts in this folder (sourced, not executed).
# Puts the project-local tools first on PATH and keeps every tool offline.

TAKT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TAKT_ROOT
cd "$TAKT_ROOT"

# cargo-installed tools (trunk, wasm-bindgen) and npm tools (wasm-opt, playwright).
export PATH="$TAKT_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Versions that must match exactly; bumped together with Cargo.lock / Trunk.toml.
export TAKT_TRUNK_VERSION="0.21.14"
export TAKT_CARGO_FUZZ_VERSION="0.13.2"
# The release web bundle only is built with this pinned nightly: it rebuilds the standard
# library for size (see scripts/build-web.sh). Everything else uses the stable toolchain.
export TAKT_WEB_TOOLCHAIN="nightly-2026-05-20"
TAKT_WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
export TAKT_WASM_BINDGEN_VERSION

# wasm-bindgen-test drives this chromedriver (headless Chromium).
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Never let npm/Playwright download a browser; never let trunk reach the network.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export TRUNK_OFFLINE=true
export TRUNK_SKIP_VERSION_CHECK=true

if [[ -t 1 ]]; then BOLD=$'\033[1m' RED=$'\033[31m' GREEN=$'\033[32m' RESET=$'\033[0m'; else BOLD='' RED='' GREEN='' RESET=''; fi
step() { printf '\n%s==> %s%s\n' "$BOLD" "$*" "$RESET"; }
note() { printf '    %s\n' "$*"; }
die() { printf '%serror:%s %s\n' "$RED" "$RESET" "$*" >&2; exit 1; }
