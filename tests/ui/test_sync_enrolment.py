"""Enrolment from the settings screen against the real fieldcentral: every refusal is said in
the technician's words and keeps what was typed; a good code enrols and fills the technician."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldapp import settings as settings_store
from fieldapp.demo import visits as demo
from fieldapp.storage.db import Database
from fieldapp.sync import enrolment
from fieldapp.sync.errors import EnrolmentRefused, Offline
from fieldapp.ui.settings_dialog import SettingsDialog
from tests.central.conftest import Server
from tests.conftest import NOW
from tests.ui.helpers import type_text
from tests.ui.sync_helpers import Relay, badge, code_for


def dialog(qtbot: QtBot, db: Database) -> SettingsDialog:
    d = SettingsDialog(db.data_dir)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def enrol(qtbot: QtBot, d: SettingsDialog, url: str, code: str) -> str:
    box = d.sync_box
    type_text(qtbot, box.server_url, url)
    type_text(qtbot, box.code, code)
    qtbot.mouseClick(box.enrol_button, Qt.MouseButton.LeftButton)
    assert box.message.isVisible()
    return box.message.text()


def refused(code: str) -> str:
    return EnrolmentRefused(code).user_text()


def test_a_good_code_enrols_and_names_the_technician(qtbot: QtBot, db: Database,
                                                      central: Server) -> None:
    d = dialog(qtbot, db)
    assert d.sync_box.state.text() == "本机尚未登记：请填写地址和登记码，然后登记。"
    b = badge()
    text = enrol(qtbot, d, central.base, code_for(central, b, name="欧阳晓燕"))
    assert text == "已登记。只要能连上客服中心，记录就会自动发送。"
    found = enrolment.enrolment(db.data_dir)
    assert found is not None and found.badge_no == b
    assert found.device_code in d.sync_box.state.text() and "欧阳晓燕" in d.sync_box.state.text()
    assert d.technician_name.text() == "欧阳晓燕" and d.badge_no.text() == b  # were empty
    assert d.sync_box.code.text() == ""  # a code works once
    assert d.sync_box.enrol_button.text() == "重新登记"
    assert settings_store.load(db.data_dir).server_url == central.base  # kept, even on Cancel


@pytest.mark.parametrize("case", ["wrong", "expired", "used"])
def test_a_bad_code_is_refused_with_its_reason(qtbot: QtBot, db: Database, central: Server,
                                               tmp_path: object, case: str) -> None:
    b = badge()
    if case == "wrong":
        code, reason = "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "enrolment_code_invalid"
    elif case == "expired":  # made 25 hours ago: codes live 24
        code = code_for(central, b, made_at=NOW - dt.timedelta(hours=25))
        reason = "enrolment_code_expired"
    else:
        code, reason = code_for(central, b), "enrolment_code_used"
        other = Database.open(db.data_dir.parent / "other")
        try:
            enrolment.enroll(other.data_dir, central.base, code)
        finally:
            other.close()
    d = dialog(qtbot, db)
    assert enrol(qtbot, d, central.base, code) == refused(reason)
    assert d.sync_box.message.styleSheet() == "color: #b00020;"
    assert d.sync_box.code.text() == code and d.sync_box.server_url.text() == central.base
    assert enrolment.enrolment(db.data_dir) is None


def test_a_server_that_cannot_be_reached_is_said_and_nothing_is_lost(
        qtbot: QtBot, db: Database, central: Server, relay: Relay) -> None:
    relay.set_down()
    d = dialog(qtbot, db)
    code = code_for(central, badge())
    text = enrol(qtbot, d, relay.url, code)
    assert relay.url in text
    assert text.startswith(Offline(relay.url).user_text().split(relay.url)[0])
    assert d.sync_box.code.text() == code  # try again when the link is back
    relay.set_up()
    qtbot.mouseClick(d.sync_box.enrol_button, Qt.MouseButton.LeftButton)
    assert enrolment.enrolment(db.data_dir) is not None


def test_a_demo_data_dir_refuses_to_enrol(qtbot: QtBot, db: Database, central: Server) -> None:
    demo.fill(db, 3, now=NOW)
    d = dialog(qtbot, db)
    assert enrol(qtbot, d, central.base, code_for(central, badge())) == refused("demo_refused")
    assert enrolment.enrolment(db.data_dir) is None


@pytest.mark.parametrize(("url", "code", "field"), [
    ("kefu.example.cn", "ABCD", "server_url"), ("", "ABCD", "server_url"),
    ("https://kefu.example.cn", "  ", "code")])
def test_what_is_missing_is_said_before_asking_the_centre(
        qtbot: QtBot, db: Database, url: str, code: str, field: str) -> None:
    d = dialog(qtbot, db)
    box = d.sync_box
    box.server_url.setText(url)
    box.code.setText(code)
    qtbot.mouseClick(box.enrol_button, Qt.MouseButton.LeftButton)
    expected = ("请填写客服中心服务地址，以 https:// 开头（办公室内网可用 http://）。"
                if field == "server_url" else "请填写客服中心给您的登记码。")
    assert box.message.text() == expected
    assert box.server_url.text() == url and box.code.text() == code


def test_a_badge_that_differs_from_the_enrolled_one_is_pointed_out(
        qtbot: QtBot, db: Database, central: Server) -> None:
    d = dialog(qtbot, db)
    type_text(qtbot, d.badge_no, "GZ0099")
    b = badge()
    enrol(qtbot, d, central.base, code_for(central, b))
    assert d.error.isVisible() and b in d.error.text() and "GZ0099" in d.error.text()
