"""Screenshots of every console page into docs/screens/console-*.png (Chinese; the register
also in English): a real fieldcentral and Debian's chromium, the same harness as the tests.
Run: .venv/bin/python scripts/console_screens.py [OUT_DIR]"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Browser, sync_playwright

from tests.central.helpers import laptop
from tests.conftest import NOW
from tests.console.harness import (
    Console,
    console_at,
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
                duties(browser, console, out)
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


def duties(browser: Browser, console: Console, out: Path) -> None:
    """The duties and report pages as a manager sees them (Chinese; deadlines in English too),
    and the first page of the monthly report's PDF."""
    api = "/api/console/v1"
    with console.api("clerk") as clerk:
        handled = register_case(clerk, type="ZX", summary="咨询保修期")["number"]
        clerk.post(f"{api}/cases/{handled}/events", json={"kind": "result",
                                                          "text": "已电话答复保修期三年"})
        request = clerk.post(f"{api}/approvals", json={
            "chain": "user_complaint", "title": "冰箱不制冷补偿", "case_number": handled,
            "details": {"proposal": "补偿 200 元", "amount_yuan": "200"}}).json()["id"]
        call = next(c for c in clerk.get(f"{api}/followups").json()
                    if c["case_number"] == handled)
    with console.api("supervisor") as supervisor:
        supervisor.post(f"{api}/approvals/{request}/decide",
                        json={"decision": "approve", "comment": "方案合理"})
    with console.api("manager") as manager:
        pdf = manager.get("/console/reports/monthly.pdf",
                          params={"month": "2026-11"}).content
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "report.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                        str(Path(tmp) / "report.pdf"), str(out / "console-report-pdf")],
                       check=True)
    with console.api("clerk") as clerk:
        register_case(clerk, type="ZX", summary="咨询延保价格", department="售后服务部")
    # Tuesday 17:30: the consultation and the major case's first answer overdue, the complaints
    # (3 working days, due Wednesday morning) at risk
    with console_at(console, NOW + dt.timedelta(days=2, hours=7)) as later:
        for lang, name in (("zh_CN", "console-deadlines.png"), ("en", "console-deadlines-en.png")):
            context = new_context(browser, later)
            page = context.new_page()
            page.goto(f"/console/login?lang={lang}")
            login(page, later, "manager")
            page.goto("/console/deadlines")
            page.screenshot(path=out / name, full_page=True)
            context.close()
    context = new_context(browser, console)
    page = context.new_page()
    page.goto("/console/login?lang=zh_CN")  # the account's language was English just now
    login(page, console, "manager")
    for path, name in (("/console/followups", "console-followups.png"),
                       (f"/console/followups/{call['id']}", "console-followup.png"),
                       ("/console/approvals", "console-approvals.png"),
                       (f"/console/approvals/{request}", "console-approval.png"),
                       ("/console/reports?month=2026-11", "console-reports.png")):
        page.goto(path)
        page.screenshot(path=out / name, full_page=True)
    context.close()
    context = new_context(browser, console)
    page = context.new_page()
    page.goto("/console/login?lang=en")
    login(page, console, "manager")
    for path, name in ((f"/console/approvals/{request}", "console-approval-en.png"),):
        page.goto(path)
        page.screenshot(path=out / name, full_page=True)
    context.close()


if __name__ == "__main__":
    main()
