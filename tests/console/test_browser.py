"""The console in headless chromium, as its staff use it: register, dispatch, lock-out, roles,
languages. The laptop is a real data dir enrolled with the centre and synced by the app's own
engine (``fieldapp.sync``)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from fieldapp.sync import work_orders
from fieldapp.visits import service as visits
from fieldapp.visits.types import Status
from tests.conftest import NOW
from tests.console.harness import Console, case_number, login, password_of, register_case
from tests.helpers.visits import finished, on_site, signature
from tests.sync.helpers import enrolled_laptop


def test_a_clerk_registers_a_complaint_and_dispatches_it_to_a_laptop(
        page: Page, console: Console, tmp_path: Path) -> None:
    laptop = enrolled_laptop(console.server, tmp_path)
    login(page, console, "clerk")
    expect(page.locator("h1")).to_contain_text("投诉登记")
    page.click("text=新建案件")
    page.select_option("select[name=type]", "TS")
    page.select_option("select[name=channel]", "consumer_association")
    page.select_option("select[name=category]", "repair_quality")
    page.fill("input[name=customer_name]", "陈美玲")
    page.fill("input[name=customer_phone]", "13912345678")
    page.fill("input[name=customer_address]", "广东省佛山市顺德区大良街道 88 号")
    page.fill("input[name=product_model]", "XQB80-1678")
    page.fill("textarea[name=summary]", "洗衣机修过两次仍漏水，向消协投诉")
    page.fill("input[name=reply_due]", "2026-11-25")
    page.click("button[type=submit]")
    expect(page.locator("[role=status]")).to_contain_text("已登记")
    number = case_number(page.locator("h1").inner_text())
    assert number.startswith("TS2611")
    expect(page.locator("dl.facts")).to_contain_text("13912345678")  # a clerk sees the phone

    page.click("text=派工给技术员")
    page.select_option("select[name=technician_badge]", laptop.badge)
    page.fill("input[name=appointment_start]", "2026-11-23T09:00")
    page.fill("input[name=appointment_end]", "2026-11-23T11:00")
    page.fill("input[name=note]", "带进水阀")
    page.click("button[type=submit]")
    expect(page.locator("[role=status]")).to_contain_text(laptop.badge)
    expect(page.locator("table.timeline")).to_contain_text("已派工")

    assert laptop.sync().pulled >= 1  # the laptop's next sync brings the work order
    db = laptop.db()
    try:
        [order] = work_orders.list_work_orders(db)
        assert (order.customer_name, order.customer_phone, order.address) == (
            "陈美玲", "13912345678", "广东省佛山市顺德区大良街道 88 号")
        assert (order.product, order.fault) == ("XQB80-1678", "洗衣机修过两次仍漏水，向消协投诉")
        assert order.dispatch_note == f"{number} 带进水阀"
        assert order.appointment_start is not None
        assert order.appointment_start.isoformat() == "2026-11-23T09:00:00+08:00"
        # the technician serves it with a visit, signed and synced
        v = visits.create_visit(db, on_site(badge_no=laptop.badge), NOW)
        work_orders.link_visit(db, v.id, order.id)
        visits.advance(db, v.id, Status.IN_PROGRESS, NOW)
        v = visits.update_visit(db, v.id, finished(v.data), NOW)
        visits.close(db, v.id, signature(), NOW)
        summary = laptop.sync()
        assert summary.conflicts == 0 and summary.all_acknowledged
        assert work_orders.list_work_orders(db)[0].status == "done"
    finally:
        db.close()
    page.reload()  # the laptop's completed visit shows on the case's tracking sheet
    expect(page.locator("table.timeline")).to_contain_text("工单")
    expect(page.locator("table.timeline")).to_contain_text(f"laptop:{laptop.badge}")


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(page: Page,
                                                             console: Console) -> None:
    login(page, console, "clerk")
    page.goto("/console/cases/new")
    page.fill("input[name=customer_name]", "周杰")
    page.fill("input[name=customer_phone]", "12")
    page.fill("textarea[name=summary]", "热水器不出热水")
    page.click("button[type=submit]")
    expect(page.locator("[role=alert]")).to_contain_text("尚未保存")
    expect(page.locator(".field-error")).to_contain_text("电话")
    expect(page.locator("input[name=customer_name]")).to_have_value("周杰")
    expect(page.locator("textarea[name=summary]")).to_have_value("热水器不出热水")


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(
        page: Page, console: Console) -> None:
    console.add_user("lock.me", "clerk", "the-right-password", "钱七")
    for _ in range(4):
        login(page, console, "clerk", username="lock.me", password="wrong-password")
        expect(page.locator("[role=alert]")).to_contain_text("用户名或密码错误")
    login(page, console, "clerk", username="lock.me", password="wrong-password")
    expect(page.locator("[role=alert]")).to_contain_text("已被锁定")
    login(page, console, "clerk", username="lock.me", password="the-right-password")
    expect(page.locator("[role=alert]")).to_contain_text("已被锁定")
    assert page.url.endswith("/console/login")
    with console.admin() as admin:
        assert admin.post("/api/console/v1/staff/lock.me/unlock").status_code == 200
    login(page, console, "clerk", username="lock.me", password="the-right-password")
    expect(page.locator("h1")).to_contain_text("投诉登记")


def test_quality_staff_see_the_register_masked_and_cannot_register(
        page: Page, console: Console) -> None:
    with console.api("clerk") as clerk:
        created = register_case(clerk, customer_phone="13600001111",
                                customer_address="广东省深圳市南山区科技园 9 栋")
    login(page, console, "quality")
    row = page.locator("table.register tr", has_text=created["number"])
    expect(row).to_contain_text("136****1111")
    expect(page.locator("table.register")).not_to_contain_text("13600001111")
    expect(page.locator("header nav")).not_to_contain_text("新建案件")
    answer = page.goto("/console/cases/new")
    assert answer is not None and answer.status == 403
    expect(page.locator("[role=alert]")).to_contain_text("无权")
    page.goto(f"/console/cases/{created['number']}")
    expect(page.locator("dl.facts")).to_contain_text("广东省深圳市****")


def test_the_console_speaks_english_on_request(page: Page, console: Console) -> None:
    page.goto("/console/login?lang=en")
    expect(page.locator("h1")).to_have_text("Log in")
    page.fill("input[name=username]", console.users["manager"])
    page.fill("input[name=password]", password_of("manager"))
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Complaint register")
    page.click("text=Audit log")
    expect(page.locator("h1")).to_have_text("Audit log")
    expect(page.locator("table.audit")).to_contain_text("login")
    page.click("header button:has-text('中文')")
    expect(page.locator("h1")).to_have_text("审计日志")
