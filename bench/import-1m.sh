#!/usr/bin/env bash
# A million-row CRM import against the raw SQLite insert floor, a re-import (upsert),
# and the customer list and map opened on the result. Usage: bench/import-1m.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p successmap-core --bench import_1m -- "${1:-1000000}"
