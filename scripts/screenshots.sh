#!/usr/bin/env bash
# Render every screen at 1366x768 with demo data into docs/screens/ (no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
.venv/bin/fieldapp --data-dir "$DATA" demo --visits 400 2>/dev/null
printf '{"technician_name": "李建华", "badge_no": "GZ0012"}' > "$DATA/settings.json"
mkdir -p docs/screens
for screen in main visit warranty signature settings; do
  QT_QPA_PLATFORM=offscreen .venv/bin/fieldapp --data-dir "$DATA" gui --screen "$screen" \
    --screenshot "docs/screens/$screen.png" 2>/dev/null
done
QT_QPA_PLATFORM=offscreen .venv/bin/fieldapp --lang en --data-dir "$DATA" gui --screen visit \
  --screenshot docs/screens/visit-en.png 2>/dev/null
ls -la docs/screens
