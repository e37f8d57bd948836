#!/usr/bin/env bash
# Collect every translatable string (UI tr() calls and the core's QT_TRANSLATE_NOOP marks) into
# resources/i18n/fieldapp_zh_CN.ts, then compile it to .qm. Fill new entries (type="unfinished")
# in the .ts by hand or with pyside6-linguist, and run this again; tests/test_i18n.py fails while
# any entry is unfinished or the .qm is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
TS=resources/i18n/fieldapp_zh_CN.ts
mapfile -t SOURCES < <(git ls-files --cached --others --exclude-standard 'fieldapp/*.py')
.venv/bin/pyside6-lupdate "${SOURCES[@]}" -ts "$TS" -source-language en -target-language zh_CN \
  -locations none -no-obsolete
.venv/bin/pyside6-lrelease "$TS" -qm "${TS%.ts}.qm"
