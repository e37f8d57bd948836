"""Deadlines, follow-up calls and approvals in headless chromium, as the CS centre uses them."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Browser, Page, expect

from fieldcentral.services.followups import CHECKLIST
from tests.conftest import NOW
from tests.console.harness import Console, console_at, login, new_context, register_case


def test_a_case_turns_overdue_when_the_clock_passes_its_deadline(
        page: Page, console: Console, browser: Browser) -> None:
    with console.api("clerk") as clerk:
        number = register_case(clerk, type="ZX", department="售后维修部")["number"]  # 24 h
    login(page, console, "manager")
    page.goto("/console/deadlines")
    expect(page.locator("table[data-list=overdue]")).not_to_contain_text(number)
    with console_at(console, NOW + dt.timedelta(hours=24, minutes=1)) as later:
        context = new_context(browser, later)
        late = context.new_page()
        login(late, later, "manager")
        late.goto("/console/deadlines")
        expect(late.locator("table[data-list=overdue]")).to_contain_text(number)
        expect(late.locator("table.dashboard")).to_contain_text("售后维修部")
        overdue = late.locator("table[data-list=overdue] tr", has_text=number)
        expect(overdue).to_contain_text("答复顾客")  # the duty and its allowance in Chinese
        expect(overdue).to_contain_text("24 小时")
        expect(late.locator("select[name=set]")).to_contain_text("公司规定")
        context.close()


def test_approval_along_the_chain_and_a_clerks_approval_is_refused(
        page: Page, console: Console) -> None:
    with console.api("clerk") as clerk:
        answer = clerk.post("/api/console/v1/approvals", json={
            "chain": "user_complaint", "title": "冰箱不制冷补偿",
            "details": {"proposal": "补偿 200 元", "amount_yuan": "200"}})
        assert answer.status_code == 200, answer.text
        request = answer.json()["id"]
        refused = clerk.post(f"/api/console/v1/approvals/{request}/decide",
                             json={"decision": "approve"})
        assert refused.status_code == 403 and refused.json()["code"] == "approval_wrong_role"
    login(page, console, "clerk")
    page.goto(f"/console/approvals/{request}")
    page.click("button[value=approve]")
    expect(page.locator("[role=alert]")).to_contain_text("应由区域客服主管处理，不能由客服专员处理")
    for role, comment in (("supervisor", "方案合理"), ("manager", "批准")):
        page.context.clear_cookies()
        login(page, console, role)
        page.goto(f"/console/approvals/{request}")
        page.fill("textarea[name=comment]", comment)
        page.click("button[value=approve]")
        expect(page.locator("table.steps")).to_contain_text(comment)
    expect(page.locator("strong.status")).to_have_text("已批准")


def test_a_follow_up_call_is_recorded_and_a_problem_reopens_the_case(
        page: Page, console: Console) -> None:
    with console.api("clerk") as clerk:
        number = register_case(clerk)["number"]
        done = clerk.post(f"/api/console/v1/cases/{number}/events",
                          json={"kind": "result", "text": "已更换压缩机"})
        assert done.status_code in (200, 201), done.text
    login(page, console, "clerk")
    page.goto("/console/followups")
    row = page.locator("tr", has_text=number)
    row.locator("a", has_text="记录回访").click()
    for key, _, _ in CHECKLIST:
        page.check(f"input[name=q_{key}][value={'no' if key == 'fees_as_rules' else 'yes'}]")
    page.fill("textarea[name=opinion]", "多收了上门费")
    page.click("button[type=submit]")
    expect(page.locator(".notice")).to_contain_text("重新处理")
    page.goto(f"/console/cases/{number}")
    expect(page.locator("table.timeline")).to_contain_text("多收了上门费")
