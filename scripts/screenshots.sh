#!/usr/bin/env bash
# Render every screen at a 1366x768 laptop's window size (1366x698: less the task bar and the
# title bar) with demo data into docs/screens/, in Chinese and in English (no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
export FIELDAPP_NOW=${FIELDAPP_NOW:-2026-11-22T10:30:00+08:00}  # the same pictures on any day
export TZ=${TZ:-Asia/Shanghai}
OUT=${1:-docs/screens}
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
.venv/bin/fieldapp --data-dir "$DATA" demo --visits 400 2>/dev/null
printf '{"technician_name": "李建华", "badge_no": "GZ0012"}' > "$DATA/settings.json"
mkdir -p "$OUT"
for screen in main visit warranty signature intake settings reprint; do
  QT_QPA_PLATFORM=offscreen .venv/bin/fieldapp --data-dir "$DATA" gui --screen "$screen" \
    --screenshot "$OUT/$screen.png" 2>/dev/null
done
for screen in main visit signature intake settings reprint; do
  QT_QPA_PLATFORM=offscreen .venv/bin/fieldapp --lang en --data-dir "$DATA" gui \
    --screen "$screen" --screenshot "$OUT/$screen-en.png" 2>/dev/null
done
ls -la "$OUT"
