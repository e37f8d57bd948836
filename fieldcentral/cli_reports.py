"""The console's report and quality duties on the command line (issue 12 items 7-10):

    fieldcentral units-sold import FILE.csv
    fieldcentral report monthly --month 2026-11 -o OUT.pdf|OUT.csv [--with-personal-data]
    fieldcentral report monthly --month 2026-11 --json       the figures (cases masked)
    fieldcentral quality list
    fieldcentral quality raise CASE --reason TEXT           a quality information sheet
    fieldcentral quality status SHEET received|closed
    fieldcentral accountability show --month 2026-11 | set KEY=VALUE ...
    fieldcentral retention purge --before 2025-10-31 [--yes] | important NUMBER [--off]

Output files are written whole or not at all (a temporary file renamed into place). Exports
mask customers' personal data unless ``--with-personal-data`` is given (an operator at the
server's console decides that, and the flag says so in the shell history).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from fieldcentral.console import i18n
from fieldcentral.db import Database
from fieldcentral.errors import ConsoleError
from fieldcentral.services import accountability, quality, reports, retention, roles, units_sold
from fieldcentral.services.roles import Actor

COMMANDS = {"units-sold", "report", "quality", "accountability", "retention"}
MESSAGES = {
    "imported": ("Imported {rows} rows from {path} ({created} new, {updated} updated); "
                 "{accidents} batch accident(s) detected",
                 "已从 {path} 导入 {rows} 行（新增 {created}，更新 {updated}）；发现批量质量事故 "
                 "{accidents} 起"),
    "unreadable": ("Cannot read {path}: {detail}", "无法读取 {path}：{detail}"),
    "written": ("Wrote {path}: {total} case(s) in {month}{masked}",
                "已写入 {path}：{month} 共 {total} 件{masked}"),
    "masked": (" (personal data masked)", "（顾客个人信息已隐去）"),
    "bad_output": ("The output file must end in .pdf or .csv: {path}",
                   "输出文件须以 .pdf 或 .csv 结尾：{path}"),
    "cannot_write": ("Cannot write {path}: {detail}", "无法写入 {path}：{detail}"),
    "bad_date": ("--before must be a date YYYY-MM-DD, not {value!r}",
                 "--before 须为日期 YYYY-MM-DD，而不是 {value!r}"),
    "bad_setting": ("Settings are KEY=VALUE (true/false or a whole number), not {value!r}",
                    "设置须写成 KEY=VALUE（true/false 或整数），而不是 {value!r}"),
    "plan": ("{count} case(s) closed before {cutoff} {verb}; {kept} important case(s) kept",
             "{cutoff} 之前结案的案件 {count} 件{verb}；重要案件 {kept} 件保留"),
    "verb_done": ("purged", "已清除"),
    "verb_dry": ("would be purged (dry run: add --yes)", "将被清除（试运行：加 --yes 执行）"),
    "important_on": ("{number} is marked important and will be kept beyond a year",
                     "{number} 已标为重要资料，将延期保存"),
    "important_off": ("{number} is no longer marked important", "{number} 已取消重要资料标记"),
    "rules_saved": ("Accountability rules saved", "考核规则已保存"),
    "no_output": ("Give -o OUT.pdf|OUT.csv, or --json", "请给出 -o OUT.pdf|OUT.csv，或 --json"),
    "sheet_raised": ("Quality information sheet {number} raised for {case}; it goes to the "
                     "quality department", "已为 {case} 填写质量信息单 {number}，转品质部"),
    "sheet_status": ("Quality information sheet {number}: {status}", "质量信息单 {number}：{status}"),
}

SHEET_WORDS = {"open": ("open", "待处理"), "received": ("received", "已接收"),
               "closed": ("closed", "已关闭")}


class UsageError(Exception):
    """Bad input on the command line; the message is in both languages."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def words(self, lang: str) -> str:
        return say(lang, self.key, **self.values)


def cli_actor(lang: str) -> Actor:
    """The operator at the server's shell (every permission, audited as ``cli:USER``)."""
    return roles.system_actor("cli:" + getpass.getuser(), language=lang)


def say(lang: str, key: str, **values: object) -> str:
    """A message in the user's language."""
    en, zh = MESSAGES[key]
    return (en if lang == "en" else zh).format(**values)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The sub-commands of this module."""
    us = sub.add_parser("units-sold", help="units sold per model and batch")
    uss = us.add_subparsers(dest="units_command", required=True)
    ui = uss.add_parser("import", help="import units sold from a CSV (model,batch,units)")
    ui.add_argument("file")
    rp = sub.add_parser("report", help="monthly reports")
    rps = rp.add_subparsers(dest="report_command", required=True)
    rm = rps.add_parser("monthly", help="《顾客投诉汇总表》 and 《质量信息月度报表》 as PDF or CSV")
    rm.add_argument("--month", required=True, help="YYYY-MM")
    rm.add_argument("-o", "--output", help="OUT.pdf or OUT.csv")
    rm.add_argument("--json", action="store_true", help="print the figures as JSON")
    rm.add_argument("--with-personal-data", action="store_true",
                    help="do not mask customers' names, phones and addresses")
    ql = sub.add_parser("quality", help="batch accidents and quality information sheets")
    qls = ql.add_subparsers(dest="quality_command", required=True)
    qls.add_parser("list", help="accidents and sheets as JSON")
    qr = qls.add_parser("raise", help="raise a quality information sheet from a case")
    qr.add_argument("case")
    qr.add_argument("--reason", required=True)
    qs = qls.add_parser("status", help="acknowledge (received) or close a sheet")
    qs.add_argument("sheet", help="the sheet's id")
    qs.add_argument("status", choices=quality.SHEET_STATUSES)
    ac = sub.add_parser("accountability", help="accountability rules and findings")
    acs = ac.add_subparsers(dest="acc_command", required=True)
    ash = acs.add_parser("show", help="the rules and what they find in a month, as JSON")
    ash.add_argument("--month", required=True)
    ase = acs.add_parser("set", help="change rules: KEY=VALUE ...")
    ase.add_argument("settings", nargs="+")
    rt = sub.add_parser("retention", help="retention of case records")
    rts = rt.add_subparsers(dest="retention_command", required=True)
    pu = rts.add_parser("purge", help="purge cases closed before a date (at least a year ago)")
    pu.add_argument("--before", required=True, help="YYYY-MM-DD")
    pu.add_argument("--yes", action="store_true", help="really purge (else a dry run)")
    im = rts.add_parser("important", help="mark a case important (kept beyond a year)")
    im.add_argument("number")
    im.add_argument("--off", action="store_true", help="remove the mark")


def run(args: argparse.Namespace, db: Database) -> int:
    """Run one of :data:`COMMANDS` on ``db`` (closed afterwards)."""
    try:
        return _run(args, db)
    except ConsoleError as exc:
        prefix = "Error: " if args.lang == "en" else "错误："
        print(prefix + i18n.error_text(args.lang, exc), file=sys.stderr)
        return 2 if exc.status < 500 else 1
    finally:
        db.close()


def _run(args: argparse.Namespace, db: Database) -> int:
    lang = args.lang
    if args.command == "units-sold":
        return _import(lang, db, Path(args.file))
    if args.command == "report":
        return _report(args, db)
    if args.command == "quality":
        return _quality(args, db)
    if args.command == "accountability":
        return _accountability(args, db)
    return _retention(args, db)


def _json(value: Any) -> None:
    def plain(o: Any) -> Any:
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return dataclasses.asdict(o)
        if isinstance(o, dt.date | dt.datetime):
            return o.isoformat()
        raise TypeError(type(o).__name__)

    print(json.dumps(value, default=plain, ensure_ascii=False, indent=2, sort_keys=True))


def _import(lang: str, db: Database, path: Path) -> int:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError("unreadable", path=path, detail=exc.strerror or str(exc)) from exc
    try:
        result = units_sold.import_text(db, cli_actor(lang), units_sold.decode(raw), path.name)
    except units_sold.UnitsSoldInvalid as exc:
        print(exc.words(lang), file=sys.stderr)
        return 2
    print(say(lang, "imported", rows=result.rows, path=path, created=result.created,
              updated=result.updated, accidents=len(result.accidents)))
    return 0


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all."""
    path = path.expanduser()
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _quality(args: argparse.Namespace, db: Database) -> int:
    lang = args.lang
    if args.quality_command == "raise":
        sheet = quality.raise_from_case(db, cli_actor(lang), args.case.strip().upper(),
                                        args.reason)
        print(say(lang, "sheet_raised", number=sheet.number, case=sheet.case_number))
    elif args.quality_command == "status":
        sheet = quality.set_sheet_status(db, cli_actor(lang), args.sheet.strip(), args.status)
        words = SHEET_WORDS.get(sheet.status, (sheet.status, sheet.status))
        print(say(lang, "sheet_status", number=sheet.number,
                  status=words[0] if lang == "en" else words[1]))
    else:
        _json({"accidents": quality.accidents(db), "sheets": quality.sheets(db)})
    return 0


def _report(args: argparse.Namespace, db: Database) -> int:
    lang = args.lang
    if args.json:
        from fieldcentral.console import api_reports

        _json(api_reports.report_json(reports.monthly(db, cli_actor(lang), args.month,
                                                      masked=not args.with_personal_data)))
        return 0
    if not args.output:
        raise UsageError("no_output")
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise UsageError("bad_output", path=out)
    report = reports.monthly(db, cli_actor(lang), args.month,
                             masked=not args.with_personal_data,
                             language=lang if suffix == ".pdf" else "zh_CN")
    if suffix == ".pdf":
        from fieldcentral.console import report_pdf

        data = report_pdf.render(report, lang)
    else:
        data = reports.to_csv(report).encode("utf-8")
    try:
        write_atomically(out, data)
    except OSError as exc:
        raise UsageError("cannot_write", path=out, detail=exc.strerror or str(exc)) from exc
    print(say(lang, "written", path=out, total=report.total, month=report.month,
              masked=say(lang, "masked") if report.masked else ""))
    return 0


def _setting(text: str) -> tuple[str, bool | int]:
    key, sep, value = text.partition("=")
    value = value.strip().lower()
    if not sep or not key.strip():
        raise UsageError("bad_setting", value=text)
    if value in ("true", "false", "on", "off", "yes", "no"):
        return key.strip(), value in ("true", "on", "yes")
    if value.isdigit():
        return key.strip(), int(value)
    raise UsageError("bad_setting", value=text)


def _accountability(args: argparse.Namespace, db: Database) -> int:
    if args.acc_command == "set":
        values = dict(_setting(s) for s in args.settings)
        accountability.save_rules(db, cli_actor(args.lang), values)
        print(say(args.lang, "rules_saved"))
        return 0
    _json(accountability.findings(db, cli_actor(args.lang), args.month))
    return 0


def _retention(args: argparse.Namespace, db: Database) -> int:
    lang = args.lang
    if args.retention_command == "important":
        retention.mark_important(db, cli_actor(lang), args.number, not args.off)
        print(say(lang, "important_off" if args.off else "important_on", number=args.number))
        return 0
    try:
        cutoff = dt.date.fromisoformat(args.before)
    except ValueError:
        raise UsageError("bad_date", value=args.before) from None
    plan = retention.purge(db, cli_actor(lang), cutoff, confirm=args.yes)
    print(say(lang, "plan", count=len(plan.purge), cutoff=cutoff,
              verb=say(lang, "verb_done" if plan.done else "verb_dry"),
              kept=len(plan.kept_important)))
    for number in plan.purge:
        print(number)
    return 0


__all__ = ["COMMANDS", "UsageError", "add_parsers", "run", "write_atomically"]
