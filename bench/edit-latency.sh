#!/usr/bin/env bash
# An edit's latency on a million customers while a progression query and a full
# export run beside it. Usage: bench/edit-latency.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p successmap-core --bench edit_latency -- "${1:-1000000}"
