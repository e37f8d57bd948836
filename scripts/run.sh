#!/usr/bin/env bash
# Sets up a fresh machine if needed, fills the data dir with demo data on first run and starts
# the desktop app. Extra arguments go to `fieldapp`, e.g. scripts/run.sh --data-dir /tmp/fa
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run: no display found. Start FieldApp from a desktop session, or try it headless:" >&2
  echo "run:   xvfb-run bash scripts/run.sh      (apt-get install xvfb)" >&2
  exit 1
fi
"$ROOT/.venv/bin/fieldapp" "$@" demo --if-empty --visits 300
exec "$ROOT/.venv/bin/fieldapp" "$@" gui
