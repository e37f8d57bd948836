"""Policy versions the CS centre publishes are used on the laptop after a sync: the warranty
decision and the working days follow the new three-guarantee policy and holiday data and name
their versions, the settlement limit follows the technician's new limit; a stored version that
was tampered with is refused, said so, and fetched anew at the next sync; a version offered
with a bad signature is never stored, and said so."""

from __future__ import annotations

import json
import random
import sqlite3
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from fieldapp import cli
from fieldapp.demo import incidents as demo_incidents
from fieldapp.incidents import service as incidents
from fieldapp.incidents.limits import OverSettlementLimit
from fieldapp.paths import database_path
from tests.central.conftest import Server
from tests.conftest import REPO
from tests.sync.helpers import Laptop, enrolled_laptop

SHIPPED = (REPO / "resources" / "policy" / "three_guarantees.toml").read_text("utf-8")
# 2027's New Year days off (Friday 1 to Sunday 3 January), as the centre publishes them.
HOLIDAYS_2027 = ("year,2027\nsource,国务院办公厅关于2027年部分节假日安排的通知（测试）\n"
                 "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-02,holiday,元旦\n"
                 "2027-01-03,holiday,元旦\n")
# A water heater installed on 2025-01-01: the shipped policy's 12 months ended long ago; the
# published one's 24 months end on 2027-01-01, a day off in the published 2027 data.
HEATER = {"today": "2026-11-22", "category": "water_heater", "sale_date": "2025-01-01",
          "invoice_date": "2025-01-01", "installation_date": "2025-01-01", "channel": "store",
          "documents": {"warranty_card": True, "invoice": True, "altered": False,
                        "card_model_matches": True},
          "fault": {"performance_fault": True}}


def _publish(central: Server, tmp_path: Path, name: str, text: str, *args: str) -> None:
    file = tmp_path / name
    file.write_text(text, "utf-8")
    done = central.cli("--lang", "en", "policy", "publish", str(file), *args)
    assert done.returncode == 0, done.stderr


def _run(capsys: pytest.CaptureFixture[str], laptop: Laptop, *args: str) -> str:
    """The laptop's own command line, in this process (the pinned clock applies)."""
    code = cli.main(["--data-dir", str(laptop.data_dir), "--lang", "en", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _decide(capsys: pytest.CaptureFixture[str], laptop: Laptop, tmp_path: Path) -> Any:
    facts = tmp_path / "heater.json"
    facts.write_text(json.dumps(HEATER), "utf-8")
    return json.loads(_run(capsys, laptop, "warranty", "check", str(facts)))


def _status(capsys: pytest.CaptureFixture[str], laptop: Laptop) -> Any:
    return json.loads(_run(capsys, laptop, "policy", "status", "--json"))


def test_published_policies_are_used_and_a_tampered_one_is_refused(
        central: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tag = uuid.uuid4().hex[:6]
    rules, days = f"2026.12-{tag}", f"2027.11-{tag}"
    laptop = enrolled_laptop(central, tmp_path)
    _publish(central, tmp_path, "three_guarantees.toml", SHIPPED.replace(
        'version = "2026.11-1"', f'version = "{rules}"', 1).replace(
        'name_en = "water heater"\nwhole_unit_months = 12',
        'name_en = "water heater"\nwhole_unit_months = 24', 1))
    _publish(central, tmp_path, "2027.csv", HOLIDAYS_2027, "--version", days)
    _publish(central, tmp_path, "limits.json", json.dumps(
        {"version": f"limits-{tag}", "limits": {laptop.badge: "800", "OTHER-BADGE": "5000"}}))

    before = _decide(capsys, laptop, tmp_path)  # the shipped policy, no 2027 data yet
    assert (before["policy_version"], before["holiday_data_version"]) == ("2026.11-1", "2026.11")
    assert before["in_warranty"] is False
    agreement = replace(demo_incidents.demo_agreement_input(random.Random(5)),
                        compensation_fen=100000, authorization_ref="")  # ¥1,000, no approval
    db = laptop.db()
    try:  # within the shipped limit of ¥2,000
        assert incidents.create_agreement(db, agreement).data.compensation_fen == 100000
    finally:
        db.close()

    summary = laptop.sync()
    assert {f"three_guarantees/@{rules}", f"holidays/2027@{days}",
            f"settlement_limits/{laptop.badge}@limits-{tag}"} <= set(summary.policies_updated)
    assert not any("OTHER-BADGE" in name for name in summary.policies_updated)
    after = _decide(capsys, laptop, tmp_path)
    assert after["policy_version"] == rules and after["holiday_data_version"] == f"2026.11+{days}"
    assert after["in_warranty"] is True and after["charge"] == "free"
    assert after["warranty_end"] == "2027-01-04"  # 1 January off, the 2nd and 3rd a weekend
    assert "holiday_shift" in [r["clause"] for r in after["reasons"]]
    status = _status(capsys, laptop)
    assert (status["policy_version"], status["policy_source"]) == (rules, "centre")
    assert status["published_years"] == {"2027": days} and status["missing_years"] == []
    assert status["settlement_limit"] == {"max_compensation_fen": 80000,
                                          "max_compensation_yuan": "800.00",
                                          "version": f"limits-{tag}", "source": "centre"}
    assert status["refused"] == [] and status["warnings"] == []

    db = laptop.db()
    try:  # beyond the technician's new limit of ¥800
        with pytest.raises(OverSettlementLimit) as refused:
            incidents.create_agreement(db, agreement)
        assert refused.value.user_text("en") == (
            f"The compensation of ¥1,000.00 is above your settlement limit of ¥800.00 "
            f"(settlement limit version limits-{tag}). Ask the CS centre to approve it and "
            "enter the approval number.")
        approved = incidents.create_agreement(db, replace(agreement,
                                                          authorization_ref="KF-SP-2611"))
        assert approved.data.compensation_fen == 100000
    finally:
        db.close()

    with sqlite3.connect(database_path(laptop.data_dir)) as conn:  # someone edits the stored copy
        conn.execute("UPDATE policy_versions SET content = replace(content, "
                     "'whole_unit_months = 24', 'whole_unit_months = 120') "
                     "WHERE kind = 'three_guarantees' AND current")
    conn.close()
    tampered = _decide(capsys, laptop, tmp_path)
    assert tampered["policy_version"] == "2026.11-1" and tampered["in_warranty"] is False
    assert tampered["holiday_data_version"] == f"2026.11+{days}"  # the other versions still hold
    status = _status(capsys, laptop)
    [warning] = status["refused"]
    assert (warning["kind"], warning["version"], warning["reason"]) == (
        "three_guarantees", rules, "signature")
    assert warning["message"] == (
        f"WARNING: version {rules} of the three-guarantee policy from the CS centre failed its "
        "signature check and is not used; the app uses version 2026.11-1 shipped with the app "
        "instead. Sync again to fetch it anew; if this warning stays, tell the CS centre.")
    assert warning["message"] in _run(capsys, laptop, "policy", "status")

    assert f"three_guarantees/@{rules}" in laptop.sync().policies_updated  # fetched anew
    assert _decide(capsys, laptop, tmp_path)["policy_version"] == rules
    assert _status(capsys, laptop)["refused"] == []
    assert laptop.sync().policies_updated == []  # held and intact: nothing fetched again

    # The centre offers a new limit whose signature does not check: never stored, never used.
    _publish(central, tmp_path, "limits2.json", json.dumps(
        {"version": f"limits2-{tag}", "limits": {laptop.badge: "300"}}))
    with sqlite3.connect(central.db_url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE policy_versions SET signature = 'AAAA' || substr(signature, 5) "
                     "WHERE version = ?", (f"limits2-{tag}",))
    conn.close()
    offered = laptop.cli("sync")
    assert offered.returncode == 0, offered.stderr
    refused_name = f"settlement_limits/{laptop.badge}@limits2-{tag}"
    summary_json = json.loads(offered.stdout)
    assert summary_json["policies_refused"] == [refused_name]
    assert summary_json["policies_updated"] == []
    assert (f"WARNING: the CS centre sent policy versions whose signature does not check; they "
            f"are not used: {refused_name}.") in offered.stderr
    status = _status(capsys, laptop)
    assert status["settlement_limit"]["version"] == f"limits-{tag}"  # the one it had
    [warning] = status["refused"]
    assert warning["message"].startswith(
        f"WARNING: version limits2-{tag} of your settlement limit from the CS centre failed its "
        f"signature check and is not used; the app uses version limits-{tag} from the CS centre")
