#!/usr/bin/env bash
# Peak memory of importing a 2 GiB CSV with an unbalanced quote near the top (the rest
# of the file becomes one field): the import must end in a clear report with a bounded
# footprint. Needs /usr/bin/time. Usage: bench/hostile-import.sh [GiB]
set -euo pipefail
cd "$(dirname "$0")/.."
gib="${1:-2}"
cargo build --release --bin successmap
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
csv="$dir/hostile.csv"
set +o pipefail # `yes` ends on SIGPIPE when `head` has enough
{
  printf 'name,persona,stage\nAcme,Ops lead,Onboarded\n"Broken,Ops lead,Onboarded\n'
  # Plain rows up to the size asked: 40 bytes each.
  yes 'Customer name here,Ops lead,Onboarded' | head -c "$((gib * 1024 * 1024 * 1024))"
} > "$csv"
set -o pipefail
ls -l "$csv"
for mode in "" --dry-run; do
  echo "== import $mode"
  set +e
  /usr/bin/time -f "elapsed %e s, peak memory %M KiB" \
    target/release/successmap --workspace "$dir/ws.successmap" import customers \
    --create-missing $mode "$csv"
  echo "exit status $?"
  set -e
done
