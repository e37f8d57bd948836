#!/usr/bin/env bash
# Sets up a fresh machine if needed, then runs the whole test suite (and the lint checks).
# Extra arguments go to pytest, e.g. scripts/test.sh tests/core -k numbering
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
if [ $# -gt 0 ]; then  # a chosen part: pytest only
  exec .venv/bin/python -m pytest "$@"
fi
.venv/bin/ruff check fieldapp tests bench
.venv/bin/mypy
# Two processes (pytest-xdist; FIELDAPP_TEST_WORKERS=0 runs in one): the suite is CPU-bound and
# CI has two cores.
WORKERS=(-n "${FIELDAPP_TEST_WORKERS:-auto}")
.venv/bin/python -m pytest "${WORKERS[@]}"
# No test may depend on today's date: run the suite again with the machine's clock moved years
# ahead by libfaketime (it moves Python, Qt, SQLite and every subprocess alike). Tests pin their
# own clock (tests/conftest.py), so anything that still read the real date would fail here.
FAKE_AT="${FIELDAPP_FAKETIME:-2031-06-15 10:00:00}"
LIBFAKETIME=$(dpkg -L libfaketime 2>/dev/null | grep -m1 '/libfaketime\.so\.1$' || true)
if [ -z "$LIBFAKETIME" ]; then
  echo "test: libfaketime is missing (apt-get install libfaketime); the run years ahead cannot start" >&2
  exit 1
fi
# tests/central and tests/console (the web console, a fieldcentral subprocess + chromium) are
# left out of this run: the centre pins its own clock the same way
# (fieldcentral/clock.py, FIELDAPP_NOW), its tests are the slowest, and its HTTP/lock-wait
# timeouts misbehave under libfaketime (known; see the closing note of this change).
echo "test: second run with the clock at $FAKE_AT (libfaketime): every test except tests/central" \
  "and those marked slow"
LD_PRELOAD="$LIBFAKETIME" FAKETIME="@$FAKE_AT" .venv/bin/python -m pytest "${WORKERS[@]}" -q -m "not slow" \
  --ignore=tests/central --ignore=tests/console -p no:cacheprovider --durations=15
