#!/usr/bin/env bash
# README command 1: installs what is missing, builds, and opens the Paydesk console on the
# embedded SQLite database (paydesk.db in the user's data directory, or $PAYDESK_DATABASE).
# A new database starts with a month of demo data. Arguments go to the console (--help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh paydesk paydesk-cli
build_dir="${PAYDESK_BUILD_DIR:-build}"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "paydesk: no display found; running the console on a virtual X server (xvfb-run)" >&2
    exec xvfb-run -a -s "-screen 0 1440x900x24" "$build_dir/app/paydesk" "$@"
fi
exec "$build_dir/app/paydesk" "$@"
