#!/usr/bin/env bash
# Installs everything `make serve` and `make test` need. Idempotent: each step
# checks first and does nothing when the tool is already there in the right
# version, so a second run takes a few seconds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

SETUP_START=$SECONDS

step "Rust toolchain"
command -v rustup >/dev/null || die "rustup not found: install Rust with rustup (https://rustup.rs) first"
command -v cargo >/dev/null || die "cargo not found on PATH (is ~/.cargo/bin on PATH?)"
note "$(rustc --version)"

step "wasm32-unknown-unknown target"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  note "present"
else
  timeout 600 rustup target add wasm32-unknown-unknown || die "could not add the wasm32-unknown-unknown target"
fi

step "rustfmt and clippy"
installed_components="$(rustup component list --installed)"
for component in rustfmt clippy; do
  if grep -q "^$component" <<<"$installed_components"; then
    note "$component present"
  else
    timeout 600 rustup component add "$component" || die "could not add the $component component"
  fi
done

step "$TAKT_WEB_TOOLCHAIN with rust-src (the release web bundle: scripts/build-web.sh)"
if rustup run "$TAKT_WEB_TOOLCHAIN" rustc --version >/dev/null 2>&1 \
  && rustup component list --installed --toolchain "$TAKT_WEB_TOOLCHAIN" | grep -q '^rust-src' \
  && rustup target list --installed --toolchain "$TAKT_WEB_TOOLCHAIN" | grep -qx wasm32-unknown-unknown; then
  note "present"
else
  note "installing (minimal profile, about 15 seconds)"
  timeout 900 rustup toolchain install "$TAKT_WEB_TOOLCHAIN" --profile minimal \
    --component rust-src --target wasm32-unknown-unknown \
    || die "could not install $TAKT_WEB_TOOLCHAIN with rust-src and wasm32-unknown-unknown"
fi

step "trunk $TAKT_TRUNK_VERSION"
if [[ "$(trunk --version 2>/dev/null || true)" == "trunk $TAKT_TRUNK_VERSION" ]]; then
  note "present"
else
  note "installing with cargo (takes about 10 minutes)"
  timeout 2400 cargo install trunk --version "=$TAKT_TRUNK_VERSION" --locked \
    || die "cargo install trunk $TAKT_TRUNK_VERSION failed"
fi

step "wasm-bindgen-cli $TAKT_WASM_BINDGEN_VERSION (the wasm-bindgen version in Cargo.lock)"
[[ -n "$TAKT_WASM_BINDGEN_VERSION" ]] || die "no wasm-bindgen package in Cargo.lock"
grep -qx "wasm_bindgen = \"$TAKT_WASM_BINDGEN_VERSION\"" Trunk.toml \
  || die "Trunk.toml [tools] wasm_bindgen must be \"$TAKT_WASM_BINDGEN_VERSION\" (the version in Cargo.lock)"
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" == "wasm-bindgen $TAKT_WASM_BINDGEN_VERSION" ]] \
  && command -v wasm-bindgen-test-runner >/dev/null; then
  note "present"
else
  note "installing with cargo (takes about 3 minutes)"
  # Not --locked: its lockfile pins a crate version that was removed from crates.io.
  timeout 1800 cargo install wasm-bindgen-cli --version "=$TAKT_WASM_BINDGEN_VERSION" \
    || die "cargo install wasm-bindgen-cli $TAKT_WASM_BINDGEN_VERSION failed"
fi

step "cargo-fuzz $TAKT_CARGO_FUZZ_VERSION (fuzz targets on the stable toolchain, --sanitizer none)"
if [[ "$(cargo fuzz --version 2>/dev/null || true)" == "cargo-fuzz $TAKT_CARGO_FUZZ_VERSION" ]]; then
  note "present"
else
  note "installing with cargo (takes about a minute)"
  timeout 1200 cargo install cargo-fuzz --version "=$TAKT_CARGO_FUZZ_VERSION" --locked \
    || die "cargo install cargo-fuzz $TAKT_CARGO_FUZZ_VERSION failed"
fi

step "Chromium and chromedriver (Debian packages)"
if [[ -x "$CHROMIUM_PATH" && -x "$CHROMEDRIVER" ]]; then
  note "present: $("$CHROMIUM_PATH" --version 2>/dev/null || echo "$CHROMIUM_PATH")"
else
  command -v apt-get >/dev/null || die "apt-get not found: install chromium and chromedriver, then set CHROMIUM_PATH and CHROMEDRIVER"
  SUDO=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "installing chromium needs root (or sudo)"
    SUDO=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 "${SUDO[@]}" apt-get update -q || die "apt-get update failed"
  timeout 900 "${SUDO[@]}" apt-get install -y -q --no-install-recommends chromium chromium-driver \
    || die "apt-get install chromium chromium-driver failed"
  [[ -x "$CHROMIUM_PATH" && -x "$CHROMEDRIVER" ]] \
    || die "chromium installed, but $CHROMIUM_PATH or $CHROMEDRIVER is missing"
fi

step "npm packages (Playwright, binaryen's wasm-opt)"
command -v npm >/dev/null || die "npm not found: install Node.js 20 or newer"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.takt-lock.sha256
if [[ -f "$stamp" && "$(cat "$stamp")" == "$lock_sum" && -x node_modules/.bin/playwright && -x node_modules/.bin/wasm-opt ]]; then
  note "node_modules up to date"
else
  timeout 600 npm ci --no-audit --no-fund || die "npm ci failed"
  echo "$lock_sum" >"$stamp"
fi
note "$(wasm-opt --version)"

step "Rust crates (so that offline builds find them)"
timeout 900 cargo fetch --quiet || die "cargo fetch failed"
timeout 900 cargo fetch --quiet --manifest-path fuzz/Cargo.toml || die "cargo fetch (fuzz) failed"
# The release bundle rebuilds the standard library (-Zbuild-std, scripts/build-web.sh) in
# trunk's offline mode: the crates std itself depends on must be in the cache too.
std_manifest="$(rustc +"$TAKT_WEB_TOOLCHAIN" --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
timeout 900 cargo +"$TAKT_WEB_TOOLCHAIN" fetch --quiet --manifest-path "$std_manifest" \
  || die "cargo fetch (the standard library's crates, for $TAKT_WEB_TOOLCHAIN) failed"
note "done"

step "Setup finished in $((SECONDS - SETUP_START)) s"
