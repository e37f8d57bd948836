#!/usr/bin/env bash
# The web console's catalogue: extract every message (templates and Python) into console.pot,
# merge it into the Chinese console.po; then fill in the empty msgstr entries (and remove
# "fuzzy" marks after checking them) until tests/console/test_catalogue.py passes.
set -euo pipefail
cd "$(dirname "$0")/.."
LOCALE=fieldcentral/console/locale
.venv/bin/pybabel -q extract -F fieldcentral/console/babel.cfg -k N_ --no-location --sort-output \
  --project FieldCentral --copyright-holder FieldApp -o "$LOCALE/console.pot" fieldcentral
if [ -f "$LOCALE/zh_CN/LC_MESSAGES/console.po" ]; then
  .venv/bin/pybabel -q update -i "$LOCALE/console.pot" -d "$LOCALE" -D console -l zh_CN --no-wrap \
    --ignore-obsolete
else
  .venv/bin/pybabel -q init -i "$LOCALE/console.pot" -d "$LOCALE" -D console -l zh_CN --no-wrap
fi
grep -c '^msgstr ""$' "$LOCALE/zh_CN/LC_MESSAGES/console.po" | sed 's/^/console_i18n: entries to fill (incl. the header): /'
