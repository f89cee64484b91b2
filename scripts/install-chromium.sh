#!/usr/bin/env bash
# Installs Debian's Chromium for the console's browser tests (ConsoleBrowserIT) when it is missing, or says how.
# Playwright uses this browser (never a downloaded one); another executable can be named with HOTLINE_CHROMIUM.
# Chinese fonts (fonts-noto-cjk) come along so that screenshots show Chinese rather than empty boxes.
set -uo pipefail
chromium="${HOTLINE_CHROMIUM:-/usr/bin/chromium}"
cjk_fonts() { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; }
if [[ -x "$chromium" ]]; then
  echo "chromium: $("$chromium" --version 2>/dev/null | head -n1) at $chromium"
  if ! cjk_fonts; then
    echo "chromium: no Chinese font found; screenshots will show boxes (as root: apt-get install fonts-noto-cjk)" >&2
  fi
  exit 0
fi
how="install Debian's package 'chromium' (apt-get install chromium), or set HOTLINE_CHROMIUM to a Chromium executable"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: $chromium is missing and this system has no apt-get: $how." >&2
  exit 1
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "chromium: $chromium is missing; as root run: apt-get update && apt-get install -y chromium" >&2
    exit 1
  fi
fi
echo "chromium: installing Debian's chromium package..."
export DEBIAN_FRONTEND=noninteractive
if "${sudo[@]}" apt-get install -y --no-install-recommends chromium fonts-noto-cjk >/dev/null 2>&1 \
   || { "${sudo[@]}" apt-get update >/dev/null 2>&1 \
        && "${sudo[@]}" apt-get install -y --no-install-recommends chromium fonts-noto-cjk >/dev/null 2>&1; }; then
  if [[ ! -x "$chromium" ]]; then
    echo "chromium: the chromium package is installed but $chromium is not there; $how." >&2
    exit 1
  fi
  echo "chromium: installed $("$chromium" --version 2>/dev/null | head -n1)"
else
  echo "chromium: apt-get could not install chromium; $how." >&2
  exit 1
fi
