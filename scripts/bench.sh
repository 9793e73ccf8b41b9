#!/usr/bin/env bash
# Builds and runs the benchmarks against SQLite and a private PostgreSQL (fsync on).
#   scripts/bench.sh [--entries N] [--batch N]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh bench_ledger
build_dir="${PAYDESK_BUILD_DIR:-build}"
source scripts/pg.sh
trap pg_stop EXIT
pg_start
"$build_dir/tests/bench/bench_ledger" --backend sqlite "$@"
"$build_dir/tests/bench/bench_ledger" --backend postgresql "$@"
