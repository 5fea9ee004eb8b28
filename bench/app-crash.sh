#!/usr/bin/env bash
# Kill -9 of the real app during edits and undos, 100 times (needs `make app` and
# tauri-driver, like the end-to-end tests). The short version runs in `make test`.
# Usage: bench/app-crash.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
export SUCCESSMAP_APP_CRASH_RUNS="${1:-100}"
time xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p successmap-e2e --test crash -- --test-threads=1 --nocapture
