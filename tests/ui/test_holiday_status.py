"""The main window's status bar warns while the clock's year has no holiday data, and while
a policy version from the CS centre is not used (it cannot be read or its signature fails)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pytestqt.qtbot import QtBot

from fieldapp import clock
from fieldapp.incidents.limits import settlement_limit
from fieldapp.resources import resource_path
from fieldapp.storage.db import Database
from fieldapp.storage.sync_models import PolicyVersionRow
from fieldapp.sync import state
from fieldapp.sync.protocol import PolicyStatement, policy_statement_bytes
from fieldapp.ui.main_window import MainWindow
from fieldapp.warranty.holiday_import import import_schedule
from fieldapp.warranty.holidays import overlay_path
from fieldapp.warranty.policy import load_policy
from tests.ui.helpers import TECHNICIAN

CST = dt.timezone(dt.timedelta(hours=8))
SCHEDULE_2027 = """year,2027
source,国务院办公厅关于2027年部分节假日安排的通知（测试用）
date,kind,name
2027-01-01,holiday,元旦
"""


def shown(qtbot: QtBot, db: Database) -> MainWindow:
    w = MainWindow(db, lambda: TECHNICIAN)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_no_warning_while_the_year_is_covered(qtbot: QtBot, db: Database) -> None:
    window = shown(qtbot, db)  # 2026-11-22: 2026 is covered
    assert window.holiday_warning.isHidden()


def test_a_year_without_holiday_data_is_shown_in_the_status_bar(
        qtbot: QtBot, db: Database, fixed_clock: clock.FixedClock, tmp_path: Path) -> None:
    fixed_clock.set(dt.datetime(2027, 3, 1, 9, 0, tzinfo=CST))
    window = shown(qtbot, db)
    label = window.holiday_warning
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "⚠ 缺少2027年节假日数据，请告知客服中心"
    assert "fieldapp policy holidays import" in label.toolTip()
    assert label in window.statusBar().findChildren(type(label))
    window.grab().save(str(tmp_path / "status.png"))
    # The legal department imports 2027; the next refresh clears the warning.
    source = tmp_path / "2027.csv"
    source.write_text(SCHEDULE_2027, encoding="utf-8")
    import_schedule(db.data_dir, source)
    window.refresh()
    qtbot.waitUntil(label.isHidden)


def test_damaged_holiday_data_is_a_warning_not_a_crash(qtbot: QtBot, db: Database) -> None:
    overlay_path(db.data_dir).parent.mkdir(parents=True)
    overlay_path(db.data_dir).write_text("version = [\n", encoding="utf-8")
    window = shown(qtbot, db)
    qtbot.waitUntil(window.holiday_warning.isVisible)
    assert window.holiday_warning.text() == "⚠ 节假日数据无法读取，请告知客服中心"
    assert str(overlay_path(db.data_dir)) in window.holiday_warning.toolTip()


def _signed(key: Ed25519PrivateKey, kind: str, scope: str, version: str, content: str
            ) -> PolicyVersionRow:
    """A version stored as sync stores it, signed with the centre's key (here: ``key``)."""
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    statement = PolicyStatement(kind=kind, scope=scope, version=version,
                                sha256=hashlib.sha256(content.encode()).hexdigest(),
                                published_at=dt.datetime(2026, 11, 22, 2, 30, tzinfo=dt.UTC),
                                key_fingerprint="SHA256:" + hashlib.sha256(raw).hexdigest())
    return PolicyVersionRow(kind=kind, scope=scope, version=version,
                            statement=statement.model_dump(mode="json"),
                            signature=base64.b64encode(key.sign(
                                policy_statement_bytes(statement))).decode(),
                            content=content, published_at=statement.published_at,
                            verified_at=statement.published_at, current=True)


def test_a_signed_policy_the_laptop_cannot_read_is_not_used_and_shown(
        qtbot: QtBot, db: Database) -> None:
    key = Ed25519PrivateKey.generate()
    shipped = resource_path("policy", "three_guarantees.toml").read_text("utf-8")
    with db.write() as s:
        state.put(s, state.CENTRE_KEY, base64.b64encode(key.public_key().public_bytes(
            Encoding.Raw, PublicFormat.Raw)).decode())
        state.put(s, state.BADGE, "GZ0012")
        s.add(_signed(key, "three_guarantees", "", "2026.12-1",  # below the statutory 7 days
                      shipped.replace("return_days = 7", "return_days = 5", 1)))
        s.add(_signed(key, "settlement_limits", "GZ0012", "limits-1", json.dumps(
            {"kind": "settlement_limits", "version": "limits-1", "badge_no": "GZ0012",
             "max_compensation_yuan": "lots"})))
    assert load_policy(data_dir=db.data_dir).version == "2026.11-1"  # the shipped one
    assert settlement_limit(db.data_dir).max_fen == 200000
    label = shown(qtbot, db).holiday_warning
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "⚠ 客服中心下发的政策未被采用，请告知客服中心"
    tip = label.toolTip()
    assert "警告：客服中心下发的三包政策（版本 2026.12-1）无法读取（" in tip
    assert "national.return_days" in tip and "本机改用随软件发布的版本 2026.11-1" in tip
    assert "客服中心下发的现场处理权限（版本 limits-1）无法读取" in tip
