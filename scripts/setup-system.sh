#!/usr/bin/env bash
# Installs the Debian packages a fresh machine lacks: the cairo/pango headers the native `canvas`
# module (under chartjs-node-canvas) builds against, and chromium, which the report tests drive through
# playwright-core (they never download a browser), and wrk, the load generator `npm run bench:self -- mock-server`
# measures the mock server with, and Debian's Python with requests, aiohttp and uvloop, which the Python runners
# (runners/python/) run on. Safe to run again: it skips what is installed.
set -euo pipefail

packages=(libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev libpixman-1-dev chromium wrk
  python3 python3-requests python3-aiohttp python3-uvloop)

missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system packages missing (${missing[*]}) and no apt-get here: install cairo/pango development packages by hand; PNG charts are skipped without them" >&2
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "system packages: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
