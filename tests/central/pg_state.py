"""Whether the centre's PostgreSQL tests ran or were skipped, counted per test process.

A module of its own, imported by ``tests/central/conftest.py`` (which counts) and by the root
``tests/conftest.py`` (which reports, and under pytest-xdist adds up the workers' counts), so the
two conftests do not import each other.
"""

from __future__ import annotations

import os
from typing import Any

PG_URL = os.environ.get("FIELDAPP_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
state: dict[str, Any] = {"ran": 0, "skipped": 0, "reason": ""}
