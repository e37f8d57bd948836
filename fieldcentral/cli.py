"""The ``fieldcentral`` command: init | migrate | enroll | revoke | policy publish | stats | serve |
work-order | serial-width | verify | gc, and the console's user | case | audit (console/cli.py).

Exit status 0 on success, 2 on bad input (message on stderr), 1 on other failure; never a
traceback for a known failure. Messages are Simplified Chinese by default, English with
``--lang en`` (or ``FIELDAPP_LANG=en``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import OperationalError

from fieldapp.seal.pdf import find_seal
from fieldapp.sync.protocol import POLICY_KINDS, Witness
from fieldcentral import cli_reports, config
from fieldcentral.console import cli as console_cli
from fieldcentral.console import cli_duties
from fieldcentral.db import Database, DatabaseError, migrate
from fieldcentral.errors import CentralError
from fieldcentral.services import blobs, devices, keys, numbers, policies, witnesses, work_orders
from fieldcentral.services.stats import stats

MESSAGES = {
    "key_created": ("Signing key created at {path}\nFingerprint: {fp}",
                    "已创建中心签名密钥：{path}\n指纹：{fp}"),
    "key_exists": ("Signing key already exists at {path}\nFingerprint: {fp}",
                   "中心签名密钥已存在：{path}\n指纹：{fp}"),
    "migrated": ("Database schema is at {rev}", "数据库结构已是最新版本 {rev}"),
    "code": ("Enrolment code for {name} ({badge}), valid 24 hours, single use:\n{code}",
             "{name}（{badge}）的设备登记码，24 小时内有效，仅可使用一次：\n{code}"),
    "revoked": ("Device {device} revoked", "设备 {device} 已停用"),
    "db_unreachable": ("Cannot reach the database: {detail}", "无法连接数据库：{detail}"),
    "error": ("Error: {detail}", "错误：{detail}"),
    "wo_created": ("Work order {id} created for technician {badge} (version {version})",
                   "已为技术员 {badge} 创建工单 {id}（版本 {version}）"),
    "wo_updated": ("Work order {id} updated (version {version}, technician {badge})",
                   "工单 {id} 已更新（版本 {version}，技术员 {badge}）"),
    "wo_unreadable": ("Cannot read {path}: {detail}", "无法读取 {path}：{detail}"),
    "wo_not_json": ("{path} is not valid JSON (line {line}, column {col}): {detail}",
                    "{path} 不是有效的 JSON（第 {line} 行第 {col} 列）：{detail}"),
    "wo_invalid": ("{path} is not a valid work order: {detail}",
                   "{path} 不是有效的工单：{detail}"),
    "v_none": ("No witnessed record {number} at the centre",
               "中心没有编号为 {number} 的已见证记录"),
    "v_line": ("{number} revision {revision}: digest {digest}, witnessed {at}, signature {sig}",
               "{number} 第 {revision} 版：摘要 {digest}，见证时间 {at}，签名{sig}"),
    "v_sig_ok": ("valid (key {fp})", "有效（密钥 {fp}）"),
    "v_sig_bad": ("INVALID for this centre's key {fp}", "与本中心密钥 {fp} 不符，无效"),
    "v_pdf_ok": ("{path}: matches the centre's witness of {number} revision {revision}",
                 "{path}：与中心对 {number} 第 {revision} 版的见证一致"),
    "v_pdf_differs": ("{path}: digest {digest} differs from every digest the centre witnessed "
                      "for {number}", "{path}：摘要 {digest} 与中心对 {number} 见证的所有摘要都不同"),
    "v_pdf_unsigned": ("{path}: an unsigned copy of {number}; nothing to verify",
                       "{path}：{number} 的未签名副本，无可验证内容"),
    "v_no_seal": ("{path} carries no FieldApp seal", "{path} 中没有 FieldApp 封签"),
    "v_unreadable": ("Cannot read {path}: {detail}", "无法读取 {path}：{detail}"),
    "gc": ("Removed {uploads} unfinished upload(s) untouched for {days} days ({bytes} bytes); "
           "complete files are never removed",
           "已删除 {uploads} 个超过 {days} 天未继续的未完成上传（{bytes} 字节）；完整文件从不删除"),
    "width": ("Case and 8D number serials have {width} digits", "案件编号和 8D 编号的流水号为 {width} 位"),
    "policy_published": ("Published {kind} version {version} ({entries} signed entries)\n"
                         "SHA-256: {sha256}",
                         "已发布 {kind} 版本 {version}（{entries} 条签名记录）\nSHA-256：{sha256}"),
    "policy_unchanged": ("{kind} version {version} was already published with this content: "
                         "nothing changed", "{kind} 版本 {version} 已以相同内容发布过，未作更改"),
}


M = TypeVar("M", bound=BaseModel)
# An idle keep-alive connection is closed by the server after this long. It must exceed the
# clients' own idle expiry (httpx: 5 s), else a client may send its next request on a connection
# the server is closing at that instant and get "server disconnected without a response" (seen
# under load with uvicorn's default of 5 s, the same as httpx's).
KEEP_ALIVE_S = 75


class BadFile(Exception):
    """A work-order file that cannot be used; the message is ready for stderr."""



def _say(lang: str, key: str, **values: object) -> str:
    en, zh = MESSAGES[key]
    return (en if lang == "en" else zh).format(**values)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the tests)."""
    p = argparse.ArgumentParser(prog="fieldcentral", description="FieldCentral complaint service")
    p.add_argument("--db", help="database URL (default: SQLite in the data folder)")
    p.add_argument("--key-file", help=f"signing key file (default: ${config.ENV_KEY_FILE} or the "
                   "data folder)")
    p.add_argument("--lang", choices=["zh_CN", "en"],
                   default="en" if os.environ.get("FIELDAPP_LANG") == "en" else "zh_CN")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="create the centre's signing key and the schema")
    sub.add_parser("migrate", help="bring the database schema up to date")
    e = sub.add_parser("enroll", help="print a one-time enrolment code for a technician")
    e.add_argument("--technician", required=True)
    e.add_argument("--badge", required=True)
    e.add_argument("--branch", default="")
    r = sub.add_parser("revoke", help="refuse a device (id or device code) from its next call")
    r.add_argument("device")
    po = sub.add_parser("policy", help="policy distribution to the devices")
    pos = po.add_subparsers(dest="policy_command", required=True)
    pp = pos.add_parser("publish", help="check, sign and publish a policy version")
    pp.add_argument("file")
    pp.add_argument("--kind", choices=list(POLICY_KINDS),
                    help="which policy (default: told from the file)")
    pp.add_argument("--version", dest="policy_version",
                    help="version string (default: the file's `version`; holidays: year.hash)")
    st = sub.add_parser("stats", help="counts per entity and a duplicate check")
    st.add_argument("--json", action="store_true", help="JSON on stdout (the only format)")
    wo = sub.add_parser("work-order", help="register or edit a work order (报修 dispatch)")
    wsub = wo.add_subparsers(dest="wo_command", required=True)
    wc = wsub.add_parser("create", help="register a work order from a JSON file")
    wc.add_argument("file")
    wu = wsub.add_parser("update", help="edit the centre's fields of a work order")
    wu.add_argument("id")
    wu.add_argument("file")
    sw = sub.add_parser("serial-width", help="show or set the digits of case number serials")
    sw.add_argument("width", nargs="?", type=int)
    vf = sub.add_parser("verify", help="check a printed PDF or a number against the centre's "
                        "witnesses")
    vf.add_argument("target", metavar="FILE.pdf|NUMBER")
    gc = sub.add_parser("gc", help="remove unfinished blob uploads nobody continued")
    gc.add_argument("--older-than", type=int, default=blobs.DEFAULT_GC_DAYS, metavar="DAYS",
                    help=f"untouched for at least DAYS days (default {blobs.DEFAULT_GC_DAYS})")
    console_cli.add_parsers(sub)  # user | case | audit (the web console's duties)
    cli_duties.add_parsers(sub)  # sla | followup | approval
    cli_reports.add_parsers(sub)  # units-sold | report | quality | accountability | retention
    sv = sub.add_parser("serve", help="run the HTTP service (first removes unfinished uploads "
                        f"older than {blobs.DEFAULT_GC_DAYS} days, as `gc` does)")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8470)
    sv.add_argument("--workers", type=int, default=1)
    sv.add_argument("--keep-alive", type=int, default=KEEP_ALIVE_S, metavar="SECONDS",
                    help="how long an idle client connection is kept open (default "
                    f"{KEEP_ALIVE_S}; keep it above the clients' idle expiry)")
    return p


def _open(cfg: config.Config, *, migrated: bool = True) -> Database:
    db = Database.open(cfg.db_url)
    if migrated:
        migrate(db)
    return db


def _run(args: argparse.Namespace, cfg: config.Config) -> int:
    lang = args.lang
    if args.command in console_cli.COMMANDS:
        return console_cli.run(args, cfg)
    if args.command in cli_duties.COMMANDS:
        return cli_duties.run(args, cfg)
    if args.command == "init":
        key, created = keys.create(cfg.key_file)
        _open(cfg).close()
        print(_say(lang, "key_created" if created else "key_exists", path=cfg.key_file,
                   fp=key.fingerprint))
    elif args.command == "migrate":
        db = _open(cfg, migrated=False)
        print(_say(lang, "migrated", rev=migrate(db)))
        db.close()
    elif args.command == "enroll":
        db = _open(cfg)
        code = devices.enroll(db, args.technician, args.badge, args.branch)
        db.close()
        print(_say(lang, "code", name=args.technician, badge=args.badge, code=code))
    elif args.command == "revoke":
        db = _open(cfg)
        print(_say(lang, "revoked", device=devices.revoke(db, args.device)))
        db.close()
    elif args.command == "policy":
        return _publish(args, cfg)
    elif args.command == "stats":
        # read-only: a running centre's database (already upgraded) is not written to, so this
        # never waits on its write lock; a new one is set up first
        db = _open(cfg, migrated=False)
        if not sa.inspect(db.engine).has_table("alembic_version"):
            migrate(db)
        print(json.dumps(stats(db), ensure_ascii=False, indent=2, sort_keys=True))
        db.close()
    elif args.command == "work-order":
        return _work_order(args, cfg)
    elif args.command == "serial-width":
        db = _open(cfg)
        if args.width is not None:
            width = numbers.set_serial_width(db, args.width)
        else:
            with db.read() as s:
                width = numbers.serial_width(s)
        db.close()
        print(_say(lang, "width", width=width))
    elif args.command == "serve":
        return _serve(args, cfg)
    elif args.command == "verify":
        return _verify(args, cfg)
    elif args.command == "gc":
        if args.older_than < 0:
            raise CentralError("invalid_option", "--older-than must be 0 or more days")
        db = _open(cfg)
        done = blobs.collect(db, dt.timedelta(days=args.older_than))
        db.close()
        print(_say(lang, "gc", uploads=done.uploads, days=args.older_than, bytes=done.bytes))
    elif args.command in cli_reports.COMMANDS:
        return cli_reports.run(args, _open(cfg))
    return 0


def _read_spec(lang: str, path: str, model: type[M]) -> M:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadFile(_say(lang, "wo_unreadable", path=path,
                           detail=getattr(exc, "strerror", None) or str(exc))) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadFile(_say(lang, "wo_not_json", path=path, line=exc.lineno, col=exc.colno,
                           detail=exc.msg)) from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadFile(_say(lang, "wo_invalid", path=path,
                           detail=work_orders.explain(exc))) from exc


def _work_order(args: argparse.Namespace, cfg: config.Config) -> int:
    lang = args.lang
    if args.wo_command == "create":
        spec = _read_spec(lang, args.file, work_orders.WorkOrderSpec)
        db = _open(cfg)
        done = work_orders.create(db, spec)
        key = "wo_created"
    else:
        change = _read_spec(lang, args.file, work_orders.WorkOrderUpdate)
        db = _open(cfg)
        done = work_orders.update(db, args.id, change)
        key = "wo_updated"
    db.close()
    print(_say(lang, key, id=done.work_order_id, badge=done.technician_badge,
               version=done.version))
    return 0


def _publish(args: argparse.Namespace, cfg: config.Config) -> int:
    name, text = policies.read_file(Path(args.file))
    kind = args.kind or policies.guess_kind(name, text)
    entries = policies.check(kind, name, text, args.policy_version)
    key = keys.load(cfg.key_file)
    db = _open(cfg)
    try:
        done = policies.publish(db, key, kind, entries)
    finally:
        db.close()
    print(_say(args.lang, "policy_published" if done.created else "policy_unchanged",
               kind=done.kind, version=done.version, entries=done.entries, sha256=done.sha256))
    return 0


def _verify(args: argparse.Namespace, cfg: config.Config) -> int:
    lang, target = args.lang, args.target
    pdf: tuple[str, str] | None = None
    if target.lower().endswith(".pdf") or Path(target).is_file():
        try:
            raw = Path(target).read_bytes()
        except OSError as exc:
            raise BadFile(_say(lang, "v_unreadable", path=target,
                               detail=exc.strerror or str(exc))) from exc
        pdf = find_seal(raw)
        if pdf is None:
            raise BadFile(_say(lang, "v_no_seal", path=target))
        if not pdf[1]:
            print(_say(lang, "v_pdf_unsigned", path=target, number=pdf[0]), file=sys.stderr)
            return 1
    number = pdf[0] if pdf else target.strip()
    key = keys.load(cfg.key_file)
    db = _open(cfg)
    try:
        with db.read() as s:
            found = [Witness.model_validate(row.witness) for row in
                     witnesses.for_number(s, number)]
    finally:
        db.close()
    if not found:
        print(_say(lang, "v_none", number=number), file=sys.stderr)
        return 1
    valid = True
    for item in found:
        good = witnesses.verify(item, key.public_raw)
        valid = valid and good
        sig = _say(lang, "v_sig_ok" if good else "v_sig_bad", fp=key.fingerprint)
        print(_say(lang, "v_line", number=number, revision=item.revision, digest=item.digest,
                   at=item.received_at.isoformat(), sig=sig))
    if pdf is None:
        return 0 if valid else 1
    same = [w for w in found if w.digest == pdf[1] and witnesses.verify(w, key.public_raw)]
    if not same:
        print(_say(lang, "v_pdf_differs", path=target, digest=pdf[1], number=number),
              file=sys.stderr)
        return 1
    print(_say(lang, "v_pdf_ok", path=target, number=number, revision=same[-1].revision))
    return 0


def _serve(args: argparse.Namespace, cfg: config.Config) -> int:
    import uvicorn

    if not 1 <= args.workers <= 64 or not 0 <= args.port <= 65535 or args.keep_alive < 1:
        raise CentralError("invalid_option", "--workers must be 1..64, --port 0..65535 and "
                           "--keep-alive at least 1")
    db = _open(cfg)
    try:
        blobs.collect(db)  # unfinished uploads nobody continued (never a complete blob)
    finally:
        db.close()
    keys.load(cfg.key_file)
    config.export(cfg)
    # http/loop "auto": httptools and uvloop (the server extra) when installed; no access log
    # (a line per request costs time, and the app logs what matters without personal data)
    uvicorn.run("fieldcentral.app:create_app", factory=True, host=args.host, port=args.port,
                workers=args.workers, log_level="info", access_log=False,
                timeout_keep_alive=args.keep_alive)
    return 0


def _driver_words(orig: BaseException | None) -> str:
    lines = str(orig).strip().splitlines() if orig is not None else []
    name = type(orig).__name__ if orig is not None else "OperationalError"
    return f"{name}: {lines[0]}" if lines else name


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``fieldcentral`` console script."""
    args = build_parser().parse_args(argv)
    try:
        cfg = config.resolve(args.db, args.key_file)
        return _run(args, cfg)
    except cli_reports.UsageError as exc:
        print(exc.words(args.lang), file=sys.stderr)
        return 2
    except BadFile as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except policies.PolicyInvalid as exc:
        print(_say(args.lang, "error", detail=exc.words(args.lang)), file=sys.stderr)
        return 2
    except CentralError as exc:
        print(_say(args.lang, "error", detail=exc.message), file=sys.stderr)
        return 2 if exc.status < 500 else 1
    except (OperationalError, DatabaseError) as exc:
        # the driver's own first line ("database is locked", "connection refused"): it names
        # the cause and never carries statement parameters (those stay hidden)
        detail = (_driver_words(exc.orig) if isinstance(exc, OperationalError) else str(exc))
        print(_say(args.lang, "db_unreachable", detail=detail), file=sys.stderr)
        return 1
