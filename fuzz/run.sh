#!/usr/bin/env bash
# Runs the property tests far longer than `cargo test` does, for a bounded
# time. Usage: fuzz/run.sh [cases-per-property] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-20000}"
seconds="${2:-600}"
PROPTEST_CASES="$cases" timeout "$seconds" cargo test --release --test fuzz --test fuzz_deep -- --nocapture
