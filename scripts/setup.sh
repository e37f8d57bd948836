#!/usr/bin/env bash
# Sets up everything FieldApp needs on a Debian/Ubuntu machine: Debian packages (fonts, Qt's
# system libraries, poppler-utils), a virtualenv in .venv and the Python packages.
# Idempotent and quiet when nothing is missing; sourced by scripts/run.sh and scripts/test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

DEB_PACKAGES=(
  python3 python3-venv python3-pip
  fonts-wqy-microhei fonts-hanazono          # CJK TrueType fonts: UI, PDFs, rare name characters
  poppler-utils                              # pdftoppm / pdffonts for looking at PDFs
  chromium                                   # the web console's browser tests (Playwright drives it)
  libfaketime                                # the test suite's second run, years ahead
  libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1
)

missing_debs() {
  local p
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

install_debs() {
  command -v dpkg-query >/dev/null 2>&1 || {
    echo "setup: not a Debian/Ubuntu system; install Python >= 3.11, a CJK TrueType font" \
         "(WenQuanYi Micro Hei) and poppler by hand, then run this again." >&2
    return 0
  }
  local missing
  missing=$(missing_debs)
  [ -z "$missing" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "setup: these Debian packages are missing and we are not root (no sudo):" $missing >&2
      echo "setup: run as root: apt-get install -y" $missing >&2
      exit 1
    fi
  fi
  echo "setup: installing Debian packages:" $missing >&2
  $sudo apt-get update -qq >&2
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >&2 || {
    echo "setup: apt-get could not install:" $missing >&2
    echo "setup: check your package sources (apt-get update) and install them by hand." >&2
    exit 1
  }
}

find_python() {
  local py
  for py in "${FIELDAPP_PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$py" ] || continue
    command -v "$py" >/dev/null 2>&1 || continue
    if "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  echo "setup: FieldApp needs Python 3.11 or newer (Debian 12 / Ubuntu 24.04 ship it)." >&2
  echo "setup: install it, or set FIELDAPP_PYTHON to its path." >&2
  exit 1
}

install_python_packages() {
  local py stamp want
  py=$(find_python)
  if [ ! -x "$VENV/bin/python" ]; then
    echo "setup: creating $VENV" >&2
    "$py" -m venv "$VENV" >&2
  fi
  stamp="$VENV/.fieldapp-installed"
  want=$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: installing Python packages (first run takes a few minutes)" >&2
    "$VENV/bin/python" -m pip install -q --upgrade pip >&2
    "$VENV/bin/python" -m pip install -q -e "$ROOT[dev,server]" >&2
    echo "$want" > "$stamp"
  fi
}

install_debs
install_python_packages
