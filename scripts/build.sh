#!/usr/bin/env bash
# Builds the one-folder desktop app with PyInstaller (build.spec -> dist/fieldapp/) and runs
# the built app's self-test (`fieldapp --self-test`: a temporary database, a visit saved with
# its three-guarantee decision and signed, every document kind rendered with the CJK font and
# read back, the translations), under `timeout`. Fails on a non-zero exit or on any output on
# stderr (a frozen app that misses a module or a data file says so there).
# Usage: scripts/build.sh            (after scripts/setup.sh; CI runs it from scripts/test.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DIST="${FIELDAPP_DIST:-$ROOT/dist}"
WORK="${FIELDAPP_BUILD_DIR:-$ROOT/build}"
mkdir -p "$WORK"
start=$SECONDS
if ! .venv/bin/pyinstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" \
    build.spec > "$WORK/pyinstaller.log" 2>&1; then
  cat "$WORK/pyinstaller.log" >&2
  echo "build: PyInstaller failed (log above, also in $WORK/pyinstaller.log)" >&2
  exit 1
fi
built=$((SECONDS - start))
APP="$DIST/fieldapp/fieldapp"
rc=0
QT_QPA_PLATFORM=offscreen timeout 120 "$APP" --self-test > "$WORK/selftest.out" \
  2> "$WORK/selftest.err" || rc=$?
cat "$WORK/selftest.out"
if [ "$rc" -ne 0 ] || [ -s "$WORK/selftest.err" ] \
    || ! tail -n 1 "$WORK/selftest.out" | grep -q '^fieldapp self-test: passed'; then
  cat "$WORK/selftest.err" >&2
  echo "build: the built app's self-test failed (exit status $rc; 124 means it timed out)" >&2
  exit 1
fi
echo "build: $DIST/fieldapp built in ${built} s ($(du -sh "$DIST/fieldapp" | cut -f1)," \
  "$(find "$DIST/fieldapp" -type f | wc -l) files); self-test passed in $((SECONDS - start - built)) s"
