#!/usr/bin/env bash
# Builds and runs the benchmarks: ledger posting against SQLite and a private PostgreSQL
# (fsync on), statement parsing (1,000,000-line bills), channel signing and verification, the
# gateway end to end (orders/s and latency against the sandbox) and the bulk order import.
#   scripts/bench.sh [--entries N] [--batch N]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh bench_ledger bench_statement bench_channel_crypto bench_gateway bench_import
build_dir="${PAYDESK_BUILD_DIR:-build}"
source scripts/pg.sh
trap pg_stop EXIT
pg_start
"$build_dir/tests/bench/bench_ledger" --backend sqlite "$@"
"$build_dir/tests/bench/bench_ledger" --backend postgresql "$@"
"$build_dir/tests/bench/bench_statement" --lines 1000000
"$build_dir/tests/bench/bench_channel_crypto"
for backend in sqlite postgresql; do
    "$build_dir/tests/bench/bench_gateway" --backend "$backend" --seconds 20
    "$build_dir/tests/bench/bench_import" --backend "$backend" --orders 1000000
done
