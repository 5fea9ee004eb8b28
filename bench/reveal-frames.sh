#!/usr/bin/env bash
# Frame times of one reveal of a presentation under Xvfb (1280×800), with WebKit's
# compositing and without it, alternately in fresh apps. Usage: bench/reveal-frames.sh
# [runs]   (needs the release build and tauri-driver: make app tauri-driver)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3} xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p successmap-e2e --test reveal_frames -- --ignored --nocapture --test-threads=1 2>&1 \
  | grep -E "compositing|test result"
