"""Every duty through the JSON API (real HTTP, as each role) and the CLI (the real
``fieldcentral`` subprocess): SLA sets, follow-up calls, approvals, the monthly report, quality,
accountability, units sold and retention, with their refusals and audit entries."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from fieldcentral.services.followups import CHECKLIST
from tests.console.harness import Console, register_case

API = "/api/console/v1"
ALL_YES = {key: "yes" for key, _, _ in CHECKLIST}


def handled_case(client: httpx.Client) -> str:
    """A complaint whose result was told to the customer: its follow-up call is due."""
    number = register_case(client)["number"]
    done = client.post(f"{API}/cases/{number}/events",
                       json={"kind": "result", "text": "已更换压缩机"})
    assert done.status_code in (200, 201), done.text
    return number


def call_of(client: httpx.Client, number: str) -> dict[str, Any]:
    calls = client.get(f"{API}/followups")
    assert calls.status_code == 200, calls.text
    [call] = [c for c in calls.json() if c["case_number"] == number]
    return call


def audited(console: Console, action: str, target: str) -> list[dict[str, Any]]:
    with console.api("manager") as manager:
        found = manager.get(f"{API}/audit", params={"action": action, "target": target})
        assert found.status_code == 200, found.text
        entries: list[dict[str, Any]] = found.json()["entries"]
        return entries


def test_the_duties_through_the_api_with_role_checks_and_audit(console: Console) -> None:
    with console.api("clerk") as clerk, console.api("manager") as manager, \
            console.api("quality") as quality:
        # SLA sets: everyone reads them, only a manager (or admin) chooses
        sets = clerk.get(f"{API}/sla").json()
        assert sets["active"] == "company" and sets["sets"]["quality"]["rules"]["major"][
            "temporary_measure"] == "8 working_hours"
        refused = clerk.put(f"{API}/sla/active", json={"set": "quality"})
        assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
        unknown = manager.put(f"{API}/sla/active", json={"set": "fast"})
        assert unknown.status_code == 404 and "没有时限方案“fast”" in unknown.json()["message"]
        try:
            assert manager.put(f"{API}/sla/active", json={"set": "quality"}).json()[
                "active"] == "quality"
        finally:
            assert manager.put(f"{API}/sla/active", json={"set": "company"}).status_code == 200
        assert [e["after"] for e in audited(console, "sla.select", "")][:2] == [
            {"set": "company"}, {"set": "quality"}]

        # follow-up calls: the checklist must be answered whole
        number = handled_case(clerk)
        call = call_of(clerk, number)
        assert clerk.get(f"{API}/followups/{call['id']}").json()["state"] == "due"
        partial = clerk.post(f"{API}/followups/{call['id']}",
                             json={"answers": {**ALL_YES, "badge_shown": "maybe"}})
        assert partial.status_code == 422 and "维修人员是否出示“工作证”" in \
            partial.json()["message"]
        assert quality.post(f"{API}/followups/{call['id']}",
                            json={"answers": ALL_YES}).status_code == 403
        done = clerk.post(f"{API}/followups/{call['id']}",
                          json={"answers": ALL_YES, "opinion": "满意"})
        assert done.status_code == 200 and done.json()["call"]["state"] == "done"
        assert audited(console, "followup.record", number)[0]["after"]["answers"] == ALL_YES

        # approvals: listed, waiting for the right role
        started = clerk.post(f"{API}/approvals", json={
            "chain": "single_return", "title": "洗衣机三次修不好退货",
            "details": {"remedy": "return", "model": "XQB80", "fault": "漏水",
                        "reason": "三次维修仍漏水"}, "case_number": number})
        assert started.status_code == 200, started.text
        request = started.json()["id"]
        waiting = manager.get(f"{API}/approvals", params={"waiting": "true"}).json()
        assert request in [a["id"] for a in waiting]
        assert request not in [a["id"] for a in clerk.get(
            f"{API}/approvals", params={"waiting": "true"}).json()]
        wrong = clerk.post(f"{API}/approvals/{request}/decide", json={"decision": "approve"})
        assert wrong.status_code == 403 and "客服中心经理" in wrong.json()["message"]
        approved = manager.post(f"{API}/approvals/{request}/decide",
                                json={"decision": "approve", "comment": "同意退货"})
        assert approved.json()["status"] == "approved"

        # quality information sheets: raised from a case, handled by the quality department
        sheet = clerk.post(f"{API}/quality/sheets", json={"case": number, "reason": "批量漏水"})
        assert sheet.status_code == 201, sheet.text
        sheet_id = sheet.json()["id"]
        assert clerk.post(f"{API}/quality/sheets/{sheet_id}/status",
                          json={"status": "received"}).status_code == 403
        assert quality.post(f"{API}/quality/sheets/{sheet_id}/status",
                            json={"status": "received"}).json()["status"] == "received"
        assert sheet_id in [s["id"] for s in clerk.get(f"{API}/quality/sheets").json()]
        assert isinstance(clerk.get(f"{API}/quality/accidents").json(), list)

        # units sold: the quality department's CSV
        csv_body = "model,batch,units\nXQB80,B2611,1200\n"
        headers = {"Content-Type": "text/csv"}
        assert clerk.post(f"{API}/units-sold", content=csv_body,
                          headers=headers).status_code == 403
        bad = quality.post(f"{API}/units-sold", content="model,batch,units\nXQB80,B2611,many\n",
                           headers=headers)
        assert bad.status_code == 422 and "第 2 行" in bad.json()["message"], bad.text
        imported = quality.post(f"{API}/units-sold", content=csv_body, headers=headers)
        assert imported.status_code == 200 and imported.json()["rows"] == 1, imported.text

        # the monthly report: a manager's figures; not a clerk's
        assert clerk.get(f"{API}/reports/monthly", params={"month": "2026-11"}
                         ).status_code == 403
        bad_month = manager.get(f"{API}/reports/monthly", params={"month": "2026-13"})
        assert bad_month.status_code == 422 and "2026-13" in bad_month.json()["message"]
        report = manager.get(f"{API}/reports/monthly", params={"month": "2026-11"}).json()
        registered = manager.get(f"{API}/cases").json()["total"]
        assert report["total"] == registered == sum(report["by_type"].values())
        assert number in [c["number"] for c in report["cases"]]
        assert sheet.json()["number"] in [s["number"] for s in report["sheets"]]
        csv_text = manager.get(f"{API}/reports/monthly.csv", params={"month": "2026-11"}).text
        assert csv_text.startswith("\ufeff《顾客投诉汇总表》") and f"合计,{registered}" in csv_text

        # accountability: findings for readers of reports, rules for managers only
        found = manager.get(f"{API}/accountability", params={"month": "2026-11"}).json()
        assert found["rules"]["fines"] is False  # penalties off by default
        assert clerk.put(f"{API}/accountability/rules",
                         json={"group_more_than": 12}).status_code == 403
        wrong_type = manager.put(f"{API}/accountability/rules", json={"fines": "maybe"})
        assert wrong_type.status_code == 422 and "fines" in wrong_type.json()["message"]
        saved = manager.put(f"{API}/accountability/rules",
                            json={"group_more_than": found["rules"]["group_more_than"]})
        assert saved.status_code == 200

        # retention: at least a year, important cases kept longer
        assert clerk.post(f"{API}/cases/{number}/important", json={}).status_code == 403
        assert manager.post(f"{API}/cases/{number}/important",
                            json={"important": True}).json()["important"] is True
        young = manager.post(f"{API}/retention/purge", json={"before": "2026-06-01"})
        assert young.status_code == 422 and "至少保存一年" in young.json()["message"], young.text
        plan = manager.post(f"{API}/retention/purge", json={"before": "2025-06-01"}).json()
        assert plan["done"] is False and number not in plan["purge"]
    assert audited(console, "retention.important", number)[0]["actor"] == console.users[
        "manager"]


def test_the_duties_through_the_cli_with_refusals(console: Console, tmp_path: Path) -> None:
    """The CLI's refusals and a follow-up call and an approval step (each command a real
    subprocess: kept few for CI's budget; the rest in the slow variant below)."""
    cli = console.server.cli
    with console.api("clerk") as clerk:
        number = handled_case(clerk)
        call = call_of(clerk, number)

    unknown = cli("sla", "select", "fast")
    assert unknown.returncode == 2 and "没有时限方案“fast”" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    partial = cli("--lang", "en", "followup", "record", call["id"], "product_working=yes")
    assert partial.returncode == 2 and "Did the technician show the badge?" in partial.stderr
    answers = [f"{k}={'no' if k == 'fees_as_rules' else 'yes'}" for k in ALL_YES]
    recorded = cli("followup", "record", call["id"], *answers, "--opinion", "多收了上门费")
    assert recorded.returncode == 0 and f"{number} 已重新处理" in recorded.stdout

    form = tmp_path / "approval.json"
    form.write_text(json.dumps({"chain": "user_complaint", "title": "空调补偿",
                                "details": {"proposal": "补偿 300 元", "amount_yuan": "300"},
                                "case_number": number}, ensure_ascii=False), encoding="utf-8")
    started = cli("--lang", "en", "approval", "start", str(form), "--as", console.users["clerk"])
    assert started.returncode == 0, started.stderr
    opened = re.search(r"Approval request (\S+) opened", started.stdout)
    assert opened, started.stdout
    request = opened.group(1)
    assert "Next: Review (regional CS supervisor) (Regional supervisor)" in started.stdout
    wrong = cli("approval", "decide", request, "approve", "--as", console.users["clerk"])
    assert wrong.returncode == 2 and "应由区域客服主管处理，不能由客服专员处理" in wrong.stderr
    reviewed = cli("approval", "decide", request, "approve", "--as", console.users["supervisor"],
                   "--comment", "方案合理")
    assert reviewed.returncode == 0 and "审批（客服中心经理）" in reviewed.stdout
    assert "方案合理" in reviewed.stdout and console.users["supervisor"] in reviewed.stdout
    [entry] = audited(console, "approval.approve", request)
    assert entry["actor"] == console.users["supervisor"] and entry["address"].startswith("cli:")


@pytest.mark.slow
def test_the_other_duty_commands_of_the_cli(console: Console, tmp_path: Path) -> None:
    cli = console.server.cli
    with console.api("clerk") as clerk:
        number = handled_case(clerk)
        call = call_of(clerk, number)
    shown = cli("--lang", "en", "sla", "show")
    assert shown.returncode == 0 and "* company" in shown.stdout
    assert "temporary_measure" not in shown.stdout and "Temporary measure 8 working hours" in \
        shown.stdout
    due = cli("followup", "list", "--json")
    assert due.returncode == 0 and call["id"] in [c["id"] for c in json.loads(due.stdout)]
    bad = cli("--lang", "en", "followup", "record", call["id"], "product_working=yes", "timely")
    assert bad.returncode == 2 and "KEY=yes|no|unknown, not “timely”" in bad.stderr
    form = tmp_path / "approval.json"
    form.write_text(json.dumps({"chain": "user_complaint", "title": "补偿",
                                "details": {"proposal": "补偿 100 元"}}, ensure_ascii=False),
                    encoding="utf-8")
    nobody = cli("approval", "start", str(form), "--as", "no.such")
    assert nobody.returncode == 2 and "没有在用的员工账号“no.such”" in nobody.stderr
    raised = cli("quality", "raise", number, "--reason", "同批次多台漏水")
    assert raised.returncode == 0 and "转品质部" in raised.stdout
    figures = cli("report", "monthly", "--month", "2026-11", "--json")
    assert figures.returncode == 0, figures.stderr
    report = json.loads(figures.stdout)
    with console.api("manager") as manager:
        assert report["total"] == manager.get(f"{API}/cases").json()["total"]
    assert report["masked"] is True and all("****" in c["customer_phone"]
                                            for c in report["cases"] if c["customer_phone"])
    no_output = cli("--lang", "en", "report", "monthly", "--month", "2026-11")
    assert no_output.returncode == 2 and "-o OUT.pdf|OUT.csv, or --json" in no_output.stderr
