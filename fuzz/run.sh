#!/usr/bin/env bash
# Fuzzes the importer's readers and value parsers with cargo-fuzz (nightly Rust):
# each target for SECONDS (default 1200), keeping new inputs in fuzz/corpus and any
# failing input in fuzz/artifacts. Usage: fuzz/run.sh [seconds] [target...]
set -euo pipefail
cd "$(dirname "$0")"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
seconds="${1:-1200}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv_import xlsx_table values)
for target in "${targets[@]}"; do
  echo "== $target for $seconds s"
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1
done
