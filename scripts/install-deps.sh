#!/usr/bin/env bash
# Installs the Debian 12 packages Paydesk needs to build, run and test, when any is missing.
# Fast (no apt at all) when everything is already there.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config clang-format-14
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql libqt6svg6
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    qt6-httpserver-dev qt6-websockets-dev qt6-pdf-dev
    libqcustomplot-dev libqcustomplot2.1-qt6
    libssl-dev libcurl4-openssl-dev libsqlite3-dev libzip-dev zlib1g-dev libzstd-dev libpq-dev libgl-dev
    libboost-dev nlohmann-json3-dev
    postgresql ledger sqlite3
    fonts-noto-cjk xvfb xauth
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "paydesk: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"; then
    $sudo apt-get update -q
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
