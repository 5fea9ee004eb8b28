#!/usr/bin/env bash
# A 12-step map exported as SVG, PNG and PDF (release build; figures in the README).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p successmap-core --bench map_export
