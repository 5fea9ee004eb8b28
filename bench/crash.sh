#!/usr/bin/env bash
# Kill -9 at random moments during a million-row import, 100 times; after every kill
# the workspace must be whole (integrity check, kept matrix = fresh count, a reported
# import all there, nothing of an unfinished one). The short version runs in `make test`.
# Usage: bench/crash.sh [runs] [rows] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
export SUCCESSMAP_CRASH_RUNS="${1:-100}"
export SUCCESSMAP_CRASH_ROWS="${2:-1000000}"
if [ -n "${3:-}" ]; then export SUCCESSMAP_CRASH_SEED="$3"; fi
time cargo test --release -p successmap-cli --test crash -- --nocapture
