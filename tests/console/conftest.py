"""Fixtures of the console tests: ONE fieldcentral and ONE chromium per test session (per
pytest-xdist worker), a new browser context per test. See ``tests/console/harness.py``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.console.harness import Console, launch_browser, new_context, start_console, stop_console


@pytest.fixture(scope="session")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    """The centre with its console and one staff account per role."""
    running = start_console(tmp_path_factory.mktemp("console"))
    yield running
    stop_console(running)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's chromium, started once."""
    started = launch_browser(playwright)
    yield started
    started.close()


@pytest.fixture
def page(browser: Browser, console: Console, tmp_path: Path) -> Iterator[Page]:
    """A page in a fresh browser context (no cookies of other tests)."""
    context = new_context(browser, console)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()
