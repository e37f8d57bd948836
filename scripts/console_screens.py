"""Screenshots of every console page into docs/screens/console-*.png (Chinese; the register
also in English): a real fieldcentral and Debian's chromium, the same harness as the tests.
Run: .venv/bin/python scripts/console_screens.py [OUT_DIR]"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from tests.central.helpers import laptop
from tests.console.harness import (
    launch_browser,
    login,
    new_context,
    register_case,
    start_console,
    stop_console,
)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as root:
        console = start_console(Path(root))
        try:
            device = laptop(console.server, name="李建华")
            with console.api("clerk") as clerk:
                first = register_case(clerk)["number"]
                register_case(clerk, channel="consumer_association", category="repair_quality",
                              customer_name="陈美玲", customer_phone="13912345678",
                              summary="洗衣机修过两次仍漏水，向消协投诉", is_repeat=True)
                register_case(clerk, type="JY", channel="letter", category="service_attitude",
                              customer_name="刘洋", summary="建议上门前电话确认时间")
                register_case(clerk, severity="major", major_kind="crisis", channel="media",
                              customer_name="黄海", summary="热水器漏电致人受伤，媒体报道",
                              reply_due="2026-11-20")
                clerk.post(f"/api/console/v1/cases/{first}/events", json={
                    "kind": "assigned", "department": "华南区", "person": "赵刚"})
                clerk.post(f"/api/console/v1/cases/{first}/dispatch", json={
                    "technician_badge": device.badge,
                    "appointment_start": "2026-11-23T09:00:00+08:00",
                    "appointment_end": "2026-11-23T11:00:00+08:00", "note": "带冷媒"})
            with sync_playwright() as driver:
                browser = launch_browser(driver)
                context = new_context(browser, console)
                page = context.new_page()
                page.goto("/console/login")
                page.screenshot(path=out / "console-login.png")
                login(page, console, "clerk")
                page.screenshot(path=out / "console-register.png", full_page=True)
                page.goto("/console/cases/new")
                page.screenshot(path=out / "console-new-case.png", full_page=True)
                page.goto(f"/console/cases/{first}")
                page.screenshot(path=out / "console-case.png", full_page=True)
                page.goto(f"/console/cases/{first}/dispatch")
                page.screenshot(path=out / "console-dispatch.png", full_page=True)
                context.close()
                for role, path, name in (("manager", "/console/audit", "console-audit.png"),
                                         ("admin", "/console/staff", "console-staff.png"),
                                         ("quality", "/console/cases", "console-register-quality.png")):
                    context = new_context(browser, console)
                    page = context.new_page()
                    login(page, console, role)
                    page.goto(path)
                    page.screenshot(path=out / name, full_page=True)
                    context.close()
                context = new_context(browser, console)
                page = context.new_page()
                page.goto("/console/login?lang=en")
                login(page, console, "clerk")
                page.goto("/console/login?lang=en")
                page.screenshot(path=out / "console-register-en.png", full_page=True)
                context.close()
                browser.close()
        finally:
            stop_console(console)
    print("\n".join(sorted(str(p) for p in out.glob("console-*.png"))))


if __name__ == "__main__":
    main()
