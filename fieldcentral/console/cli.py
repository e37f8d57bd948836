"""``fieldcentral user | case | audit``: the console's duties on the command line.

Messages come from the console's catalogue (Chinese by default, ``--lang en``). A password is
never an argument: it is typed at a hidden prompt (twice) or, without a terminal, read as the
first line of standard input (``printf '%s\\n' "$PW" | fieldcentral user add …``). Every
command acts as ``cli:<login name>`` and is audited like a staff action.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from fieldcentral import config
from fieldcentral.console import i18n
from fieldcentral.db import Database, migrate
from fieldcentral.errors import N_, CentralError
from fieldcentral.services import audit, case_sync, cases, roles, staff
from fieldcentral.services.roles import Actor

COMMANDS = ("user", "case", "audit")
M = TypeVar("M", bound=BaseModel)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the console's subcommands to the ``fieldcentral`` parser."""
    us = sub.add_parser("user", help="console staff accounts").add_subparsers(
        dest="user_command", required=True)
    add = us.add_parser("add", help="add a staff account (password at the prompt or on stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=roles.ROLES)
    add.add_argument("--display-name", default="")
    add.add_argument("--department", default="")
    ls = us.add_parser("list", help="list staff accounts")
    ls.add_argument("--json", action="store_true")
    for verb, text in (("unlock", "lift a lock-out"), ("disable", "disable an account"),
                       ("enable", "enable an account"), ("passwd", "set a new password")):
        us.add_parser(verb, help=text).add_argument("name")
    rl = us.add_parser("role", help="give an account another role")
    rl.add_argument("name")
    rl.add_argument("role", choices=roles.ROLES)
    cs = sub.add_parser("case", help="the complaint register").add_subparsers(
        dest="case_command", required=True)
    cs.add_parser("register", help="register a case from a JSON file (- for stdin)"
                  ).add_argument("file")
    cl = cs.add_parser("list", help="list the register, newest first")
    cl.add_argument("--q", default="")
    cl.add_argument("--status", default="")
    cl.add_argument("--type", default="")
    cl.add_argument("--page", type=int, default=1)
    cl.add_argument("--json", action="store_true")
    sh = cs.add_parser("show", help="a case and its tracking sheet")
    sh.add_argument("number")
    sh.add_argument("--json", action="store_true")
    tr = cs.add_parser("track", help="add a line to a case's tracking sheet")
    tr.add_argument("number")
    tr.add_argument("--kind", required=True, choices=cases.TRACK_KINDS)
    tr.add_argument("--text", default="")
    tr.add_argument("--department", default="")
    tr.add_argument("--person", default="")
    dp = cs.add_parser("dispatch", help="send a work order from a case (JSON file, - for stdin)")
    dp.add_argument("number")
    dp.add_argument("file")
    au = sub.add_parser("audit", help="the audit log, newest first")
    au.add_argument("--actor", default="")
    au.add_argument("--action", default="")
    au.add_argument("--target", default="")
    au.add_argument("--page", type=int, default=1)
    au.add_argument("--json", action="store_true")


class BadInput(Exception):
    """Input the command cannot use; the message is ready for stderr (exit 2)."""


def _say(lang: str, msgid: str, **params: object) -> str:
    return i18n.translate(lang, msgid, **params)


def _actor(lang: str) -> Actor:
    return roles.system_actor(f"cli:{getpass.getuser()}"[:80], language=lang)


def _password(lang: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(_say(lang, N_("Password: ")))
        if getpass.getpass(_say(lang, N_("Password again: "))) != first:
            raise BadInput(_say(lang, N_("The two passwords differ; nothing was changed")))
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _read_text(lang: str, path: str) -> str:
    """The text of ``path`` (``-``: standard input); unreadable is bad input."""
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(_say(lang, N_("Cannot read {path}: {detail}"), path=path,
                            detail=getattr(exc, "strerror", None) or exc)) from exc


def _read(lang: str, path: str, model: type[M]) -> M:
    text = _read_text(lang, path)
    try:
        return model.model_validate(json.loads(text))
    except json.JSONDecodeError as exc:
        raise BadInput(_say(lang, N_("{path} is not valid JSON (line {line}): {detail}"),
                            path=path, line=exc.lineno, detail=exc.msg)) from exc
    except ValidationError as exc:
        detail = "; ".join(f"{k}: {v}" for k, v in cases.explain(exc).items())
        raise BadInput(_say(lang, N_("{path} cannot be used: {detail}"), path=path,
                            detail=detail)) from exc


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str))


Handler = Callable[[argparse.Namespace, Database, str], None]


def run(args: argparse.Namespace, cfg: config.Config) -> int:
    """Run a console subcommand; exit status 0, or 2 for bad input (message on stderr)."""
    return run_handler(args, cfg, {"user": _user, "case": _case, "audit": _audit})


def run_handler(args: argparse.Namespace, cfg: config.Config,
                handlers: Mapping[str, Handler]) -> int:
    """``handlers[args.command]`` on the migrated database: 0, or 2 for bad input and 1 for
    the centre's own failures, the message on stderr in the reader's language."""
    lang = args.lang
    db = Database.open(cfg.db_url)
    try:
        migrate(db)
        handlers[args.command](args, db, lang)
    except BadInput as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except CentralError as exc:
        print(_say(lang, N_("Error: {detail}"), detail=i18n.error_text(lang, exc)),
              file=sys.stderr)
        return 2 if exc.status < 500 else 1
    finally:
        db.close()
    return 0


def _user(args: argparse.Namespace, db: Database, lang: str) -> None:
    actor, command = _actor(lang), args.user_command
    if command == "add":
        password = _password(lang)
        info = staff.add_user(db, actor, args.name, args.role, password, args.display_name,
                              args.department)
        print(_say(lang, N_("Staff account {name} ({role}) added"), name=info.username,
                   role=info.role))
    elif command == "list":
        users = staff.list_users(db)
        if args.json:
            _print_json([u.to_json() for u in users])
        for u in users if not args.json else []:
            state = (_say(lang, N_("disabled")) if not u.active else
                     _say(lang, N_("locked until {until}"), until=u.locked_until)
                     if u.locked_until else _say(lang, N_("active")))
            print(f"{u.username}\t{u.role}\t{u.display_name}\t{state}")
    elif command == "passwd":
        staff.set_password(db, actor, args.name, _password(lang))
        print(_say(lang, N_("Password of {name} changed; its sessions ended"), name=args.name))
    elif command == "role":
        staff.set_role(db, actor, args.name, args.role)
        print(_say(lang, N_("{name} is now {role}"), name=args.name, role=args.role))
    else:
        if command == "unlock":
            staff.unlock(db, actor, args.name)
        else:
            staff.set_active(db, actor, args.name, command == "enable")
        print(_say(lang, N_("Done: {action} {name}"), action=command, name=args.name))


def _case(args: argparse.Namespace, db: Database, lang: str) -> None:
    actor, command = _actor(lang), args.case_command
    if command == "register":
        created = cases.register(db, actor, _read(lang, args.file, cases.CaseInput))
        print(_say(lang, N_("Case {number} registered"), number=created.number))
        return
    case_sync.catch_up(db)
    if command == "list":
        found = cases.search(db, actor, cases.CaseFilter(q=args.q, status=args.status,
                                                         type=args.type, page=args.page))
        if args.json:
            _print_json({"cases": [c.to_json() for c in found.cases], "total": found.total,
                         "page": found.page, "pages": found.pages})
            return
        for c in found.cases:
            print(f"{c.number}\t{c.registered_at:%Y-%m-%d}\t{c.status}\t{c.customer_name}\t"
                  f"{c.summary[:40]}")
        print(_say(lang, N_("Page {page} of {pages} · {total} in all"), page=found.page,
                   pages=found.pages, total=found.total))
    elif command == "show":
        detail = cases.get(db, actor, args.number)
        if args.json:
            _print_json({"case": detail.case.to_json(),
                         "events": [e.__dict__ for e in detail.events]})
            return
        print(f"{detail.case.number}\t{detail.case.status}\t{detail.case.customer_name}\t"
              f"{detail.case.summary}")
        for e in detail.events:
            print(f"  {e.at:%Y-%m-%d %H:%M}\t{e.kind}\t{e.department}\t{e.person}\t{e.text}")
    elif command == "track":
        try:
            entry = cases.TrackInput(kind=args.kind, text=args.text, department=args.department,
                                     person=args.person)
        except ValidationError as exc:
            raise BadInput("; ".join(_say(lang, v) for v in cases.explain(exc).values())) from exc
        cases.track(db, actor, args.number, entry)
        print(_say(lang, N_("Added to the tracking sheet")))
    elif command == "dispatch":
        done = cases.dispatch(db, actor, args.number, _read(lang, args.file, cases.DispatchInput))
        print(_say(lang, N_("Work order {id} sent to technician {badge}"),
                   id=done.work_order_id, badge=done.technician_badge))


def _audit(args: argparse.Namespace, db: Database, lang: str) -> None:
    found = audit.entries(db, _actor(lang), actor=args.actor, action=args.action,
                          target=args.target, page=args.page)
    if args.json:
        _print_json([line.__dict__ for line in found.lines])
        return
    for line in found.lines:
        print(f"{line.at:%Y-%m-%d %H:%M:%S}\t{line.actor}\t{line.action}\t{line.target_id}")
