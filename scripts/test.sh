#!/usr/bin/env bash
# README command 2 (and CI): installs what is missing, builds everything with warnings as
# errors (after checking the tree is formatted), starts a private PostgreSQL on loopback, runs every test on SQLite and PostgreSQL,
# and stops the server again. Extra arguments go to ctest (e.g. -R ledger).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/format.sh --check
PAYDESK_CMAKE_ARGS="${PAYDESK_CMAKE_ARGS:--DPAYDESK_WERROR=ON}" scripts/build.sh
build_dir="${PAYDESK_BUILD_DIR:-build}"

source scripts/pg.sh
trap pg_stop EXIT
pg_start fast
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build_dir" --output-on-failure --parallel 2 "$@"
