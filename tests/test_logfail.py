"""The ``logfail`` fixture of tests/conftest.py: an unexpected logged error fails the test."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_an_unexpected_error_log_fails_the_test_an_expected_one_does_not() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA",
         "tests/logfail_probe.py"], cwd=REPO, capture_output=True, text=True, timeout=300)
    out = done.stdout
    assert done.returncode == 1, out
    assert "unexpected ERROR logged" in out and "something broke" in out
    assert "PASSED tests/logfail_probe.py::test_logs_an_expected_error" in out
    assert "PASSED tests/logfail_probe.py::test_logs_a_warning" in out
    assert "ERROR tests/logfail_probe.py::test_logs_an_unexpected_error" in out
