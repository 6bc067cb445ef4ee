#!/usr/bin/env bash
# Builds the release web bundle into dist/ (trunk build --release).
#
# Each page has a size budget (500 KB gzipped, wasm + js; scripts/bundle-size.sh). On stable Rust the standard
# library comes prebuilt for speed, with full panic messages and their source locations.
# Here the pinned nightly ($TAKT_WEB_TOOLCHAIN, installed by setup.sh) rebuilds std for
# this build only:
# - optimize_for_size: std's smaller implementations (sorting, formatting, ...);
# - panic=immediate-abort: a panic traps at once, without formatting its message, so
#   no panic message or location text is compiled in.
# Together about 43 KB gzipped less (docs/bundle.md). The crash overlay (src/platform/boundary.js)
# still appears on a trap; only the panic text in its details is gone. Debug builds and
# the wasm tests keep the stable toolchain and full panic messages.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

export RUSTUP_TOOLCHAIN="$TAKT_WEB_TOOLCHAIN"
export CARGO_UNSTABLE_BUILD_STD="std,panic_abort"
export CARGO_UNSTABLE_BUILD_STD_FEATURES="optimize_for_size"
# Added to .cargo/config.toml's target rustflags (--cfg erase_components).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
exec trunk build --release "$@"
