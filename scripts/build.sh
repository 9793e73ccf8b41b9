#!/usr/bin/env bash
# Configures (once) and builds Paydesk into build/ (or $PAYDESK_BUILD_DIR). Extra arguments
# are build targets; none builds everything.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${PAYDESK_BUILD_DIR:-build}"
if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${PAYDESK_CMAKE_ARGS:-}
elif [ -n "${PAYDESK_CMAKE_ARGS:-}" ]; then
    cmake -S . -B "$build_dir" ${PAYDESK_CMAKE_ARGS}
fi
targets=()
for target in "$@"; do
    targets+=(--target "$target")
done
cmake --build "$build_dir" --parallel "$(nproc)" "${targets[@]}"
