"""Working days and hours on the laptops' holiday data, shipped and published."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fieldapp.warranty.holidays import HolidayCalendar
from fieldcentral.db import Database
from fieldcentral.services import keys, policies, workcalendar

CST = dt.timezone(dt.timedelta(hours=8))


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=CST)


@pytest.mark.parametrize(("start", "hours", "due"), [
    ("2026-11-23 10:00", 24, "2026-11-26 10:00"),   # 3 working days, Monday → Thursday
    ("2026-11-21 10:00", 24, "2026-11-25 17:00"),   # from a Saturday: Wednesday at closing
    ("2026-11-23 18:30", 8, "2026-11-24 17:00"),    # after hours: the next day counts
    ("2026-11-23 08:00", 8, "2026-11-23 17:00"),    # before opening
    ("2026-09-30 16:00", 8, "2026-10-08 16:00"),    # 1 h, then the National Day week off
    ("2026-10-09 10:00", 8, "2026-10-10 10:00"),    # Saturday 10-10 is a 调休 working day
    ("2026-09-18 15:00", 8, "2026-09-20 15:00"),    # Sunday 09-20 is a working day too
    ("2026-12-31 16:00", 8, "2027-01-01 16:00"),    # no 2027 data yet: weekends only
])
def test_working_hours_skip_weekends_holidays_and_count_adjusted_days(
        db: Database, start: str, hours: float, due: str) -> None:
    calendar = workcalendar.load(db)
    assert calendar.add_working_hours(at(start), hours) == at(due).astimezone(dt.UTC)


def test_working_days_are_days_of_office_hours(db: Database) -> None:
    calendar = workcalendar.load(db)
    assert calendar.add_working_days(at("2026-11-23 10:00"), 3) == at("2026-11-26 10:00")
    assert calendar.add_working_days(at("2026-11-27 10:00"), 2) == at("2026-12-01 10:00")


def test_the_centre_and_the_laptop_agree_on_every_day_of_the_shipped_years(db: Database) -> None:
    calendar = workcalendar.load(db)
    laptop = HolidayCalendar(years=calendar.years, holidays=calendar.holidays,
                             workdays=calendar.workdays)
    day = dt.date(2024, 1, 1)
    while day.year < 2027:
        assert calendar.is_day_off(day) == laptop.is_day_off(day), day
        day += dt.timedelta(days=1)
    assert {2024, 2025, 2026} <= calendar.years


def test_a_published_year_of_holidays_moves_deadlines(db: Database, centre_key: keys.CentreKey,
                                                      tmp_path: Path) -> None:
    before = workcalendar.load(db)
    assert before.add_working_hours(at("2026-12-31 16:00"), 8) == at("2027-01-01 16:00")
    text = ("year,2027\nsource,国务院办公厅关于2027年部分节假日安排的通知\ndate,kind,name\n"
            "2027-01-01,holiday,元旦\n2027-01-04,holiday,测试假日\n")
    entries = policies.check("holidays", "holidays-2027.csv", text)
    policies.publish(db, centre_key, "holidays", entries)
    after = workcalendar.load(db)
    assert 2027 in after.years and entries[0].version in after.versions
    assert after.add_working_hours(at("2026-12-31 16:00"), 8) == at("2027-01-05 16:00")


def test_a_published_toml_year_replaces_the_shipped_one(db: Database,
                                                        centre_key: keys.CentreKey) -> None:
    text = ('year = 2026\nsource = "更正"\nholidays = ["2026-11-23"]\n')
    policies.publish(db, centre_key, "holidays", policies.check("holidays", "h.toml", text))
    calendar = workcalendar.load(db)
    assert calendar.is_day_off(dt.date(2026, 11, 23))
    assert not calendar.is_day_off(dt.date(2026, 10, 1))  # the correction replaced the year
