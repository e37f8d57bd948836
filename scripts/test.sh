#!/usr/bin/env bash
# Sets up a fresh machine if needed, then runs the whole test suite (and the lint checks).
# Extra arguments go to pytest, e.g. scripts/test.sh tests/core -k numbering
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
if [ $# -eq 0 ]; then  # the whole suite: lint and types too
  .venv/bin/ruff check fieldapp tests bench
  .venv/bin/mypy
fi
.venv/bin/python -m pytest "$@"
