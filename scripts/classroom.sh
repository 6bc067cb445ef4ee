#!/usr/bin/env bash
# Starts a live class (issue 19, docs/classroom.md): builds the release app and `takt`, then
# runs `takt classroom --lan` on port 8080 until Ctrl-C. It prints the instructor's link
# (open it on this computer: it carries the console's key) and the teams' link (on the
# room's network). The class is kept in takt-classroom.sqlite (CLASSROOM_DB), so stopping
# and starting again carries on where the class was.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

PORT="${PORT:-8080}"
DB="${CLASSROOM_DB:-takt-classroom.sqlite}"

step "release build (scripts/build-web.sh)"
scripts/build-web.sh

step "takt (cargo build --release -p takt-cli)"
cargo build --release -p takt-cli

step "the class's server (Ctrl-C to stop; the class is kept in $DB)"
exec target/release/takt classroom --lan --port "$PORT" --dist dist --db "$DB"
