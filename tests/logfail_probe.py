"""Run only by tests/test_logfail.py, in a pytest of its own (not collected by the suite)."""

from __future__ import annotations

import logging

import pytest


def test_logs_an_unexpected_error() -> None:
    logging.getLogger("fieldapp.probe").error("something broke")


@pytest.mark.allow_error_log
def test_logs_an_expected_error() -> None:
    logging.getLogger("fieldapp.probe").error("expected")


def test_logs_a_warning() -> None:
    logging.getLogger("fieldapp.probe").warning("only a warning")
