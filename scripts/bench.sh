#!/usr/bin/env bash
# Builds and runs the benchmarks: ledger posting against SQLite and a private PostgreSQL
# (fsync on), statement parsing (1,000,000-line bills), channel signing and verification, the
# gateway end to end (orders/s and latency against the sandbox; first its floor, the channel call
# alone), the bulk order import, the reconciliation matcher (1,000,000 transactions a side, beside
# sqlite3 joining the same) and a whole reconciliation run of 1,000,000 orders against their bill on
# both databases (beside the same sqlite3 yardstick), and the order search and Transactions panel over
# $PAYDESK_SEARCH_ORDERS orders (default 10,000,000; the SQLite file is kept, so a second run
# measures at once; the private PostgreSQL server, and with it its copy, lasts one run).
#   scripts/bench.sh [--entries N] [--batch N]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh bench_ledger bench_statement bench_channel_crypto bench_gateway bench_import bench_ordersearch \
    bench_transactionspanel bench_reconcile bench_reconcilerun
build_dir="${PAYDESK_BUILD_DIR:-build}"
source scripts/pg.sh
trap pg_stop EXIT
pg_start
"$build_dir/tests/bench/bench_ledger" --backend sqlite "$@"
"$build_dir/tests/bench/bench_ledger" --backend postgresql "$@"
"$build_dir/tests/bench/bench_statement" --lines 1000000
"$build_dir/tests/bench/bench_channel_crypto"
"$build_dir/tests/bench/bench_gateway" --floor --seconds 20
for backend in sqlite postgresql; do
    "$build_dir/tests/bench/bench_gateway" --backend "$backend" --seconds 20
    "$build_dir/tests/bench/bench_import" --backend "$backend" --orders 1000000
done
"$build_dir/tests/bench/bench_reconcile" --lines 1000000
"$build_dir/tests/bench/bench_reconcilerun" --database "sqlite:$build_dir/bench-reconcile.db" --dir "$build_dir" \
    --lines 1000000
psql "$PAYDESK_TEST_PG_URL" -qc "CREATE DATABASE paydesk_reconcile" 2>/dev/null || true
"$build_dir/tests/bench/bench_reconcilerun" --database "${PAYDESK_TEST_PG_URL%/*}/paydesk_reconcile" \
    --dir "$build_dir" --lines 1000000
search_orders="${PAYDESK_SEARCH_ORDERS:-10000000}"
search_sqlite="sqlite:$build_dir/bench-search.db"
psql "$PAYDESK_TEST_PG_URL" -qc "CREATE DATABASE paydesk_search" 2>/dev/null || true
search_pg="${PAYDESK_TEST_PG_URL%/*}/paydesk_search"
for url in "$search_sqlite" "$search_pg"; do
    "$build_dir/tests/bench/bench_ordersearch" --database "$url" --orders "$search_orders"
    "$build_dir/tests/bench/bench_transactionspanel" --database "$url"
done
