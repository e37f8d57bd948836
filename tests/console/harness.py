"""The console under test: a real ``fieldcentral serve`` subprocess with one staff account per
role, HTTP clients logged in as each role, and Debian's chromium through Playwright.

Plain functions (not fixtures) so that ``scripts/console_screens.py`` drives the same harness
as ``tests/console/conftest.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Browser, BrowserContext, Page, Playwright

from fieldcentral.db import Database
from fieldcentral.services import roles, staff
from tests.central.conftest import ADMIN_TOKEN, START_TIMEOUT_S, Server, _free_port, _start
from tests.conftest import REPO

# Cheap Argon2 parameters in the server and in this process (production keeps RFC 9106's):
# every test logs in, and one hash with the real parameters costs ~1 s on the loaded CI box.
os.environ[staff.ENV_HASH_PROFILE] = "test"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1366, "height": 768}
NAMES = {"clerk": ("li.clerk", "李文", "客服中心"), "supervisor": ("zhao.sup", "赵刚", "华南区"),
         "manager": ("wang.mgr", "王芳", "客服中心"), "quality": ("sun.qa", "孙丽", "品质部"),
         "admin": ("root.admin", "系统管理员", "信息部"), "sales": ("he.sales", "何军", "商务处"),
         "factory": ("lin.factory", "林强", "工厂"), "vp": ("zhou.vp", "周总", "总经办")}


def password_of(role: str) -> str:
    """The test password of the account of ``role``."""
    return f"{role}-Passw0rd-2026"


@dataclass
class Console:
    """A running centre with its console and its staff."""

    server: Server
    users: dict[str, str] = field(default_factory=dict)  # role → username

    @property
    def base(self) -> str:
        return self.server.base

    def db(self) -> Database:
        """The server's database, opened in this process (close it after use)."""
        return Database.open(self.server.db_url)

    def add_user(self, username: str, role: str, password: str, display_name: str = "") -> None:
        """A new staff account, made with the centre's own service."""
        db = self.db()
        try:
            staff.add_user(db, roles.system_actor("cli:test"), username, role, password,
                           display_name)
        finally:
            db.close()

    def api(self, role: str) -> AbstractContextManager[httpx.Client]:
        """An HTTP client logged in (``POST /api/console/v1/login``) as ``role``'s account,
        sending the session's CSRF token on every request."""
        return self.api_as(self.users[role], password_of(role))

    @contextmanager
    def api_as(self, username: str, password: str) -> Iterator[httpx.Client]:
        """An HTTP client logged in as ``username``."""
        with httpx.Client(base_url=self.base, timeout=60) as client:
            answer = client.post("/api/console/v1/login",
                                 json={"username": username, "password": password})
            assert answer.status_code == 200, answer.text
            client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
            yield client

    def admin(self) -> httpx.Client:
        """An HTTP client with the administrator token (an integration, every permission)."""
        return httpx.Client(base_url=self.base, timeout=60,
                            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})


def start_console(root: Path) -> Console:
    """A fieldcentral on SQLite under ``root``, with one account per role."""
    server = _start("sqlite", root, f"sqlite:///{root / 'central.sqlite3'}")
    console = Console(server)
    for role, (username, display, _dept) in NAMES.items():
        console.add_user(username, role, password_of(role), display)
        console.users[role] = username
    return console


@contextmanager
def console_at(console: Console, at: dt.datetime) -> Iterator[Console]:
    """A second ``fieldcentral serve`` on the same database whose clock stands at ``at``
    (FIELDAPP_NOW), e.g. to see a case turn overdue; stopped when the block ends."""
    env = {**console.server.env, "FIELDAPP_NOW": at.isoformat()}
    srv = console.server
    port = _free_port()
    log = srv.log.with_name(f"server-{port}.log")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "fieldcentral", "--db", srv.db_url, "--key-file",
             str(srv.key_file), "serve", "--port", str(port)], cwd=REPO, env=env, stdout=out,
            stderr=subprocess.STDOUT)
    later = Console(Server(srv.backend, f"http://127.0.0.1:{port}", srv.db_url, srv.key_file,
                           process, log, env), dict(console.users))
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{later.base}/console/login", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
            assert process.poll() is None, log.read_text()
        yield later
    finally:
        stop_console(later)


def stop_console(console: Console) -> None:
    """Stop the server process."""
    console.server.process.terminate()
    console.server.process.wait(timeout=30)


def launch_browser(playwright: Playwright) -> Browser:
    """Debian's chromium, headless (Playwright's own browser download is not used)."""
    executable = shutil.which("chromium")
    assert executable, "chromium is missing: run scripts/setup.sh (apt-get install chromium)"
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


def new_context(browser: Browser, console: Console) -> BrowserContext:
    """A fresh browser profile (no cookies) at a laptop's screen size."""
    return browser.new_context(base_url=console.base, viewport=VIEWPORT, locale="zh-CN")


def login(page: Page, console: Console, role: str, *, username: str | None = None,
          password: str | None = None) -> None:
    """Log in through the log-in form as ``role`` (or the given account)."""
    page.goto("/console/login")
    page.fill("input[name=username]", username or console.users[role])
    page.fill("input[name=password]", password or password_of(role))
    page.click("button[type=submit]")


def case_number(text: str) -> str:
    """The first case number (TS/JY/ZX + YYMM + serial) in ``text``."""
    match = re.search(r"\b(TS|JY|ZX)\d{7,10}\b", text)
    assert match, text
    return match.group(0)


def register_case(client: httpx.Client, **extra: Any) -> dict[str, Any]:
    """A complaint registered through the API (set-up for tests that are about something else)."""
    body = {"type": "TS", "channel": "phone", "category": "product_quality",
            "customer_name": "张三", "customer_phone": "13800138000",
            "customer_address": "广东省广州市天河区体育西路 1 号", "product_model": "KFR-35GW",
            "summary": "空调不制冷，已报修两次", "reply_due": "2026-11-25", **extra}
    answer = client.post("/api/console/v1/cases", json=body)
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()
    return created
