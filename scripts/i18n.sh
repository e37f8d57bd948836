#!/usr/bin/env bash
# Collect every translatable string (UI tr() calls and the core's QT_TRANSLATE_NOOP marks) into
# resources/i18n/fieldapp_zh_CN.ts, and the plural-form ones (tr("%n visit(s)", "", n)) into
# resources/i18n/fieldapp_en.ts (English is the source language; only its plurals need a
# translation: "%n visit" / "%n visits"), then compile both to .qm. Fill new entries
# (type="unfinished") in the .ts by hand or with pyside6-linguist, and run this again;
# tests/test_i18n.py fails while any entry is unfinished or a .qm is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t SOURCES < <(git ls-files --cached --others --exclude-standard 'fieldapp/*.py')
TS=resources/i18n/fieldapp_zh_CN.ts
.venv/bin/pyside6-lupdate "${SOURCES[@]}" -ts "$TS" -source-language en -target-language zh_CN \
  -locations none -no-obsolete
.venv/bin/pyside6-lrelease "$TS" -qm "${TS%.ts}.qm"
EN=resources/i18n/fieldapp_en.ts
.venv/bin/pyside6-lupdate "${SOURCES[@]}" -ts "$EN" -source-language en -target-language en \
  -locations none -no-obsolete -pluralonly
.venv/bin/pyside6-lrelease "$EN" -qm "${EN%.ts}.qm"
