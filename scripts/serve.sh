#!/usr/bin/env bash
# Builds the release app and serves it on http://127.0.0.1:8080 until Ctrl-C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

PORT="${PORT:-8080}"

step "release build (scripts/build-web.sh)"
scripts/build-web.sh

step "Takt is running at http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
exec python3 scripts/serve-dist.py --dir dist --port "$PORT"
