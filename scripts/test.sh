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
.venv/bin/ruff check fieldapp fieldcentral tests bench scripts
.venv/bin/mypy
# Two processes (pytest-xdist; FIELDAPP_TEST_WORKERS=0 runs in one): the suite is CPU-bound and
# CI has two cores.
WORKERS=(-n "${FIELDAPP_TEST_WORKERS:-auto}")
# Tests marked slow (the 50 SIGKILL trials, 2 x 2 000 laptops, 20 devices on 4 workers at full size,
# ...) have small variants in the default run; FIELDAPP_TEST_SLOW=1 runs them too.
SELECT=(-m "not slow")
# A hung test fails on its own (pyproject.toml: timeout, faulthandler_timeout); a run that still
# does not end (a hang outside any test) is stopped here rather than holding CI for hours.
RUN_LIMIT_S="${FIELDAPP_TEST_RUN_LIMIT_S:-1500}"
if [ "${FIELDAPP_TEST_SLOW:-0}" = 1 ]; then
  SELECT=(-o timeout=1800 -o faulthandler_timeout=1900)
  RUN_LIMIT_S="${FIELDAPP_TEST_RUN_LIMIT_S:-10800}"
fi
guarded() {
  local rc=0 started=$SECONDS
  timeout --kill-after=30 "$RUN_LIMIT_S" "$@" || rc=$?
  if { [ "$rc" = 124 ] || [ "$rc" = 137 ]; } && [ $((SECONDS - started)) -ge "$RUN_LIMIT_S" ]; then
    echo "test: the run did not end within $RUN_LIMIT_S s and was stopped" >&2
  fi
  return "$rc"
}
guarded .venv/bin/python -m pytest "${WORKERS[@]}" "${SELECT[@]}" --durations=20
# No test may depend on today's date: run the suite again with the machine's clock moved years
# ahead by libfaketime (it moves Python, Qt, SQLite, chromium and every subprocess alike: the
# centre's test servers too, tests/central/conftest.py). Tests pin their own clock
# (tests/conftest.py; FIELDAPP_NOW for the laptop and the centre they start), so anything that
# still read the real date would fail here. PostgreSQL runs outside it, on the real clock: no
# date is taken from the database server (no now() / CURRENT_TIMESTAMP defaults: checked by
# tests/test_clock.py), so the centre's PostgreSQL variants run in the first run only (their
# SQLite twins run here with the same code above the database; the PostgreSQL ones cost ~1.5
# minutes of this run, and CI must stay within 15).
# "@..." starts the clock there and lets it tick (a stopped clock would stop every timeout).
# libfaketime 0.9.10 fakes the monotonic clock too but not Python's timed lock waits
# (sem_clockwait): in a test, Event().wait(t), Lock.acquire(timeout=t) or join(timeout=t) that
# should time out never does; sleep with time.sleep. (With FAKETIME_DONT_FAKE_MONOTONIC=1 those
# work but time.sleep fails with EINVAL, wolfcw/libfaketime#426.)
FAKE_AT="${FIELDAPP_FAKETIME:-2031-06-15 10:00:00}"
LIBFAKETIME=$(dpkg -L libfaketime 2>/dev/null | grep -m1 '/libfaketime\.so\.1$' || true)
if [ -z "$LIBFAKETIME" ]; then
  echo "test: libfaketime is missing (apt-get install libfaketime); the run years ahead cannot start" >&2
  exit 1
fi
# The installable build (scripts/build.sh: PyInstaller one-folder, then the built app's
# --self-test) runs once, beside the libfaketime run: PyInstaller is mostly one process
# waiting on files and ldd, so the two share the two cores better than they would run in turn.
BUILD_LOG="$ROOT/build/build.log"
mkdir -p "$ROOT/build"
build_start=$SECONDS
bash "$ROOT/scripts/build.sh" > "$BUILD_LOG" 2>&1 &
BUILD_PID=$!
trap 'kill "$BUILD_PID" 2>/dev/null || true' EXIT
echo "test: second run with the clock at $FAKE_AT (libfaketime): every test except those marked" \
  "slow and the centre's PostgreSQL variants (the centre on SQLite, its console in chromium and" \
  "sync included); the desktop build and its self-test meanwhile"
guarded env LD_PRELOAD="$LIBFAKETIME" FAKETIME="@$FAKE_AT" .venv/bin/python -m pytest "${WORKERS[@]}" -q -m "not slow" \
  -k "not postgresql" -p no:cacheprovider --durations=15
faketime_end=$SECONDS
if ! wait "$BUILD_PID"; then
  cat "$BUILD_LOG" >&2
  echo "test: the desktop build or its self-test failed (log above)" >&2
  exit 1
fi
trap - EXIT
cat "$BUILD_LOG"
echo "test: build and self-test finished $((SECONDS - faketime_end)) s after the libfaketime run" \
  "($((SECONDS - build_start)) s after they started)"
