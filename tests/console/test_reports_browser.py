"""The monthly report in headless chromium: a manager reads the month's figures and downloads
the CSV and the Chinese PDF; the PDF is read back with pypdf and rendered with pdftoppm."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections import Counter
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.console.harness import Console, login, register_case

API = "/api/console/v1"


def test_the_manager_reads_the_monthly_report_and_downloads_csv_and_pdf(
        page: Page, console: Console, tmp_path: Path) -> None:
    with console.api("clerk") as clerk:
        made = [register_case(clerk, type=kind, product_model="BCD-520W")["number"]
                for kind in ("TS", "TS", "JY", "ZX")]
    with console.api("manager") as manager:  # every case of the session is in November 2026
        register = manager.get(f"{API}/cases", params={"page": 1}).json()
        total = register["total"]
        types = Counter()
        for page_no in range(1, register["pages"] + 1):
            cases = manager.get(f"{API}/cases", params={"page": page_no}).json()["cases"]
            types.update(c["type"] for c in cases)
    assert sum(types.values()) == total >= len(made)

    login(page, console, "manager")
    page.goto("/console/reports?month=2026-11")
    expect(page.locator("p.summary")).to_contain_text(f"2026-11 共登记 {total} 件")
    expect(page.locator("p.summary")).not_to_contain_text("隐去")  # a manager sees it whole
    table = page.locator("table.report-cases")
    for number in made:
        expect(table).to_contain_text(number)
    type_chart = page.locator("figure", has_text="按类型")
    for kind, label in (("TS", "投诉"), ("JY", "建议"), ("ZX", "咨询")):
        expect(type_chart).to_contain_text(label)
        expect(type_chart).to_contain_text(str(types[kind]))

    with page.expect_download() as got_csv:
        page.click("a[href*='monthly.csv']")
    csv_file = tmp_path / got_csv.value.suggested_filename
    got_csv.value.save_as(csv_file)
    assert csv_file.name == "report-2026-11.csv"
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
    assert rows[1] == ["合计", str(total)]
    assert {r[0] for r in rows if r and re.match(r"^(TS|JY|ZX)\d{7}$", r[0])} >= set(made)
    assert sum(int(r[2]) for r in rows if r and r[0] == "按类型") == total

    with page.expect_download() as got_pdf:
        page.click("a[href*='monthly.pdf']")
    pdf_file = tmp_path / "report.pdf"
    got_pdf.value.save_as(pdf_file)
    text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(pdf_file).pages))
    assert "顾客投诉汇总表" in text and "质量信息月度报表" in text
    assert f"2026-11共{total}件" in text
    assert all(number in text for number in made)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf_file),
                    str(tmp_path / "page")], check=True)
    first = next(tmp_path.glob("page*.png"))
    assert first.stat().st_size > 20_000  # charts and a table, not a blank page


def test_a_member_reading_in_english_downloads_the_english_pdf(console: Console,
                                                               tmp_path: Path) -> None:
    console.add_user("report_en", "manager", "Report-en-Passw0rd-2026")
    with console.api_as("report_en", "Report-en-Passw0rd-2026") as member:
        switched = member.post("/console/language", data={
            "lang": "en", "next": "/console/reports",
            "csrf_token": member.headers["X-CSRF-Token"]})
        assert switched.status_code == 303, switched.text
        answer = member.get("/console/reports/monthly.pdf", params={"month": "2026-11"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    pdf_file = tmp_path / "report-en.pdf"
    pdf_file.write_bytes(answer.content)
    pages = PdfReader(pdf_file).pages
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pages))
    assert "Customer complaint summary" in text and "Monthly quality information report" in text
    assert f"Page {len(pages)} of {len(pages)}" in text
    assert "顾客投诉汇总表" not in text and "第 1 页" not in text
