#!/usr/bin/env bash
# Time from process start to the Successmap window being mapped on the X display,
# and to the first frame of content (status line painted), over N runs under Xvfb.
# Usage: bench/first-window.sh [runs]   (needs the release build: make app)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
BIN=target/release/successmap-app
[ -x "$BIN" ] || { echo "build first: make app"; exit 1; }
# Each run gets a fresh X server, as a user's first start would.
if [ -z "${SUCCESSMAP_BENCH_INNER:-}" ]; then
  echo "run  window_ms  content_ms"
  for i in $(seq 1 "$RUNS"); do
    echo "$i    $(SUCCESSMAP_BENCH_INNER=1 timeout 30 xvfb-run -a -s '-screen 0 1280x800x24' "$0" || echo timed out)"
  done
  exit 0
fi

run_once() {
  local sandbox; sandbox=$(mktemp -d)
  local start; start=$(date +%s%N)
  XDG_DATA_HOME="$sandbox/data" XDG_CONFIG_HOME="$sandbox/config" XDG_CACHE_HOME="$sandbox/cache" \
    "$BIN" --workspace "$sandbox/bench.db" >/dev/null 2>&1 &
  local pid=$!
  local window=""
  until window=$(xdotool search --onlyvisible --name 'Successmap$' 2>/dev/null | head -1) && [ -n "$window" ]; do
    sleep 0.005
  done
  local mapped; mapped=$(date +%s%N)
  # Content is painted when the window is no longer a single colour.
  until [ "$(import -window "$window" -format '%k' info: 2>/dev/null || echo 1)" -gt 8 ]; do
    sleep 0.01
  done
  local painted; painted=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$sandbox"
  echo "$(( (mapped - start) / 1000000 )) $(( (painted - start) / 1000000 ))"
}

run_once
