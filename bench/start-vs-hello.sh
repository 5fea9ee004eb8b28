#!/usr/bin/env bash
# Start-up of Successmap on a large workspace against a hello-world Tauri 2 app (bench/hello),
# both started the same way in the same run, each under a fresh Xvfb.
#
# Watching the window while it starts slows the start (a capture costs a 2-core machine
# about 0.1 s of CPU), so each launch is captured once: at a fixed delay after the start,
# and again once settled (4 s later). A launch counts as complete at that delay when the
# two captures are the same picture: for Successmap, the Personas screen with its
# customer counts; for the hello app, its page. Each delay is tried RUNS times per app.
#   window_ms  the window is mapped on the X display (xdotool, polled every 20 ms);
#   pss_mb     memory of the app and its child processes (WebKit's web and network
#              processes), PSS summed from /proc/*/smaps_rollup, once settled.
# Usage: bench/start-vs-hello.sh [runs] [customers]   (needs the release build: make app)
# Environment: DELAYS (ms, space-separated), CACHE=warm (see below); variables such as
# WEBKIT_DISABLE_COMPOSITING_MODE=1 reach both apps.
# The workspace (the demo plus N imported customers, default 1,000,000) is kept under
# target/bench-start between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
CUSTOMERS=${2:-1000000}
ROOT=$PWD
APP=$ROOT/target/release/successmap-app
CLI=$ROOT/target/release/successmap
[ -x "$APP" ] && [ -x "$CLI" ] || { echo "build first: make app"; exit 1; }
WORK=$ROOT/target/bench-start
mkdir -p "$WORK"

if [ -z "${SUCCESSMAP_BENCH_INNER:-}" ]; then
  # The hello app, built with the workspace's Cargo.lock (the same Tauri, the same
  # release profile) into the workspace's target folder, so that it reuses what it can.
  HELLO_SRC=$WORK/hello-src
  rm -rf "$HELLO_SRC"; cp -r bench/hello "$HELLO_SRC"
  mkdir -p "$HELLO_SRC/icons"; cp src-tauri/icons/32x32.png src-tauri/icons/icon.png "$HELLO_SRC/icons/"
  cp Cargo.lock "$HELLO_SRC/Cargo.lock"
  (cd "$HELLO_SRC" && CARGO_TARGET_DIR=$ROOT/target cargo build --release --features custom-protocol -q)
  cp "$ROOT/target/release/hello-tauri" "$WORK/hello-tauri"

  WS=$WORK/customers-$CUSTOMERS.successmap
  if [ ! -f "$WS" ]; then
    echo "making a workspace of the demo and $CUSTOMERS customers…"
    rm -f "$WS.tmp"
    "$CLI" --workspace "$WS.tmp" demo >/dev/null
    awk -v n="$CUSTOMERS" 'BEGIN {
      split("Home architect|Large-building architect|Industrial architect", p, "|");
      split("First project delivered|Templates in daily use|Sustainable design adopted|Visualisation wins clients", s1, "|");
      split("Pilot project live|Team onboarded|Engineering coordination|Compliance built in|Firm-wide standard", s2, "|");
      split("Process layout imported|Building designed around the line|Design reused across sites|Model handed to operations", s3, "|");
      print "external_id,name,persona,current_step,target_step,arr";
      for (i = 1; i <= n; i++) {
        k = i % 3 + 1;
        if (k == 1) { c = s1[i % 4 + 1]; t = s1[4] } else if (k == 2) { c = s2[i % 5 + 1]; t = s2[5] } else { c = s3[i % 4 + 1]; t = s3[4] }
        printf "BIG-%d,Customer %d,%s,%s,%s,%d\n", i, i, p[k], c, t, (i * 7919) % 200000;
      }
    }' > "$WORK/customers.csv"
    "$CLI" --workspace "$WS.tmp" import customers "$WORK/customers.csv" >/dev/null
    mv "$WS.tmp" "$WS"
    rm -f "$WORK/customers.csv"
  fi

  DELAYS=${DELAYS:-600 800 1000 1200 1400 1700 2000 2500 3000}
  echo "run  app         delay_ms  complete  window_ms  pss_mb"
  for i in $(seq 1 "$RUNS"); do
    for delay in $DELAYS; do
      for which in hello successmap; do
        printf '%-4s %-11s %-9s %s\n' "$i" "$which" "$delay" \
          "$(SUCCESSMAP_BENCH_INNER=$which BENCH_WS=$WS BENCH_DELAY=$delay timeout 60 \
               xvfb-run -a -s '-screen 0 1280x800x24' "$0" || echo timed out)"
      done
    done
  done
  exit 0
fi

# Milliseconds since the epoch.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# PSS in MB of a process and all its descendants.
pss_tree() {
  local pids=("$1") i=0 kb=0
  while [ "$i" -lt "${#pids[@]}" ]; do
    for child in $(pgrep -P "${pids[$i]}" || true); do pids+=("$child"); done
    i=$((i + 1))
  done
  for pid in "${pids[@]}"; do
    local v; v=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    kb=$((kb + ${v:-0}))
  done
  echo $((kb / 1024))
}

sandbox=$(mktemp -d)
if [ "$SUCCESSMAP_BENCH_INNER" = hello ]; then
  title='^Hello Tauri$'
  cmd=("$WORK/hello-tauri")
else
  title='Successmap$'
  cp "$BENCH_WS" "$sandbox/big.successmap"
  cmd=("$APP" --workspace "$sandbox/big.successmap")
fi
# CACHE=warm keeps each app's cache folder (Mesa's compiled shaders among it) from one
# launch to the next, as a user's own start after the first; by default every launch
# starts cold, as the first start after installing.
cache="$sandbox/cache"
[ "${CACHE:-cold}" = warm ] && cache="$WORK/cache-$SUCCESSMAP_BENCH_INNER"
start=$(now_ms)
XDG_DATA_HOME="$sandbox/data" XDG_CONFIG_HOME="$sandbox/config" XDG_CACHE_HOME="$cache" \
  "${cmd[@]}" >/dev/null 2>&1 &
pid=$!
window=""
until window=$(xdotool search --onlyvisible --name "$title" 2>/dev/null | head -1) && [ -n "$window" ]; do
  sleep 0.02
done
mapped=$(now_ms)
wait_until() { while [ "$(now_ms)" -lt "$1" ]; do sleep 0.01; done; }
wait_until $((start + BENCH_DELAY))
early=$(import -window "$window" -format '%#' info: 2>/dev/null || echo early)
wait_until $((start + BENCH_DELAY + 4000))
settled=$(import -window "$window" -format '%#' info: 2>/dev/null || echo settled)
pss=$(pss_tree "$pid")
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
rm -rf "$sandbox"
printf '%-9s %-10s %s\n' "$([ "$early" = "$settled" ] && echo yes || echo no)" $((mapped - start)) "$pss"
