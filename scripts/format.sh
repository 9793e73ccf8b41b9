#!/usr/bin/env bash
# Formats every C++ source with the committed .clang-format (clang-format 14, Debian 12's).
# --check changes nothing and fails, naming the files, when any is not formatted.
set -euo pipefail
cd "$(dirname "$0")/.."
formatter="$(command -v clang-format-14 || command -v clang-format || true)"
if [ -z "$formatter" ]; then
    echo "paydesk: clang-format is not installed (scripts/install-deps.sh installs it)" >&2
    exit 2
fi
mapfile -t sources < <(git ls-files -- '*.cpp' '*.h')
if [ "${1:-}" = "--check" ]; then
    unformatted=()
    for source in "${sources[@]}"; do
        if ! "$formatter" --style=file "$source" | cmp -s - "$source"; then
            unformatted+=("$source")
        fi
    done
    if [ ${#unformatted[@]} -ne 0 ]; then
        printf 'paydesk: not formatted (run scripts/format.sh): %s\n' "${unformatted[@]}" >&2
        exit 1
    fi
    exit 0
fi
printf '%s\0' "${sources[@]}" | xargs -0 -n 50 -P "$(nproc)" "$formatter" --style=file -i
