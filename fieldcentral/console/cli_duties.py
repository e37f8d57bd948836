"""``fieldcentral sla | followup | approval``: the duties of the console on the command line.

    fieldcentral sla show [--json]                 the sets, their allowances, the set in force
    fieldcentral sla select SET                    the set for cases registered from now on
    fieldcentral followup list [--json]            the calls due, most urgent first
    fieldcentral followup show CALL [--json]
    fieldcentral followup record CALL KEY=yes|no|unknown ... [--opinion TEXT] [--problem]
    fieldcentral followup record CALL --not-reached [--opinion NOTE]
    fieldcentral approval list [--status S] [--json]
    fieldcentral approval show ID [--json]
    fieldcentral approval start FILE.json --as USER        {chain, title, details, case_number}
    fieldcentral approval decide ID approve|reject --as USER [--comment TEXT]

Messages come from the console's catalogue (Chinese by default, ``--lang en``). The operator
acts as ``cli:<login name>`` and is audited like a staff member. An approval step is taken by a
person of the step's role, so ``approval start|decide`` name the staff account (``--as``) whose
role decides; the audit log shows that account and the operator. Bad input exits 2 with a
message and changes nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
from typing import Any

from fieldcentral import clock, config
from fieldcentral.console import i18n
from fieldcentral.console.cli import BadInput, _actor, _print_json, _read_text, _say, run_handler
from fieldcentral.db import Database
from fieldcentral.errors import N_
from fieldcentral.services import approvals, audit, duty_hooks, followups, roles, sla, staff
from fieldcentral.services.roles import Actor

COMMANDS = ("sla", "followup", "approval")
assert duty_hooks  # its hooks keep the deadlines in step with the register


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``sla``, ``followup`` and ``approval`` to the ``fieldcentral`` parser."""
    sl = sub.add_parser("sla", help="complaint deadlines: SLA sets").add_subparsers(
        dest="sla_command", required=True)
    sl.add_parser("show", help="the SLA sets and the set in force").add_argument(
        "--json", action="store_true")
    sl.add_parser("select", help="choose the set in force").add_argument("set")
    fu = sub.add_parser("followup", help="follow-up calls (回访)").add_subparsers(
        dest="followup_command", required=True)
    fu.add_parser("list", help="the calls due").add_argument("--json", action="store_true")
    fs = fu.add_parser("show", help="one call")
    fs.add_argument("call")
    fs.add_argument("--json", action="store_true")
    fr = fu.add_parser("record", help="store a call: every checklist item KEY=yes|no|unknown")
    fr.add_argument("call")
    fr.add_argument("answers", nargs="*", metavar="KEY=ANSWER")
    fr.add_argument("--not-reached", action="store_true", help="the customer was not reached")
    fr.add_argument("--opinion", default="")
    fr.add_argument("--problem", action="store_true", help="a problem was found")
    ap = sub.add_parser("approval", help="approvals along the chains").add_subparsers(
        dest="approval_command", required=True)
    al = ap.add_parser("list", help="approval requests, newest first")
    al.add_argument("--status", default="", choices=["", "pending", "approved", "rejected"])
    al.add_argument("--json", action="store_true")
    ash = ap.add_parser("show", help="one request and its steps")
    ash.add_argument("id")
    ash.add_argument("--json", action="store_true")
    ast = ap.add_parser("start", help="open a request from a JSON file (- for stdin)")
    ast.add_argument("file")
    ast.add_argument("--as", dest="as_user", required=True, metavar="USER")
    ad = ap.add_parser("decide", help="take the next step of a request")
    ad.add_argument("id")
    ad.add_argument("decision", choices=approvals.DECISIONS)
    ad.add_argument("--as", dest="as_user", required=True, metavar="USER")
    ad.add_argument("--comment", default="")


def run(args: argparse.Namespace, cfg: config.Config) -> int:
    """Run one of :data:`COMMANDS`; 0, or 2 for bad input (message on stderr)."""
    return run_handler(args, cfg, {"sla": _sla, "followup": _followup, "approval": _approval})


def _json(value: Any) -> None:
    _print_json(dataclasses.asdict(value) if dataclasses.is_dataclass(value)
                and not isinstance(value, type) else value)


# --- sla -----------------------------------------------------------------------------------------


def _sla(args: argparse.Namespace, db: Database, lang: str) -> None:
    actor = _actor(lang)
    if args.sla_command == "select":
        with db.read() as s:
            before = sla.active_set(s).name
        chosen = sla.select_set(db, args.set.strip()[:40], actor.name)
        with db.write() as s:
            audit.record(s, actor, "sla.select", "sla_set", chosen.name, {"set": before},
                         {"set": chosen.name})
        print(_say(lang, N_("SLA set in force: {name} ({title})"), name=chosen.name,
                   title=chosen.title(lang)))
        return
    with db.read() as s:
        policy = sla.current_policy(s)
        active = sla.active_set(s, policy).name
    if args.json:
        _print_json({"version": policy.version, "active": active, "default": policy.default,
                     "sets": {n: {"title_zh": st.title_zh, "title_en": st.title_en,
                                  "rules": {r: {d: str(a) for d, a in duties.items()}
                                            for r, duties in st.rules.items()}}
                              for n, st in policy.sets.items()}})
        return
    print(_say(lang, N_("SLA policy {version}; in force: {name}"), version=policy.version,
               name=active))
    for name, st in policy.sets.items():
        print(f"{'*' if name == active else ' '} {name}\t{st.title(lang)}")
        for rule, duties in st.rules.items():
            said = ", ".join(f"{sla.duty_words(d.removesuffix('_extended'), lang)}"
                             f"{'+' if d.endswith('_extended') else ''} {a.words(lang)}"
                             for d, a in duties.items())
            print(f"    {rule}: {said}")


# --- follow-up calls -----------------------------------------------------------------------------


def _answers(lang: str, pairs: list[str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise BadInput(_say(lang, N_("Answers are KEY=yes|no|unknown, not “{text}”"),
                                text=pair[:60]))
        answers[key.strip()] = value.strip().lower()
    return answers


def _when(at: Any) -> str:
    return f"{at.astimezone(clock.COMPANY_TZ):%Y-%m-%d %H:%M}"


def _state(lang: str, state: str) -> str:
    return _say(lang, {"overdue": N_("Overdue"), "done": N_("Call recorded")}.get(state, N_("Due")))


def _followup(args: argparse.Namespace, db: Database, lang: str) -> None:
    command = args.followup_command
    if command == "list":
        with db.read() as s:
            calls = followups.due_calls(s)
        if args.json:
            _print_json([dataclasses.asdict(c) for c in calls])
            return
        for c in calls:
            print(f"{c.id}\t{c.case_number}\t{_when(c.due_at)}\t{_state(lang, c.state)}")
        print(_say(lang, N_("{count} call(s) due"), count=len(calls)))
        return
    if command == "show":
        with db.read() as s:
            call = followups.get(s, args.call)
        if args.json:
            _json(call)
            return
        print(f"{call.case_number}\t{_state(lang, call.state)}\t{_when(call.due_at)}")
        pick = 1 if lang == "en" else 0
        for key, zh, en in followups.CHECKLIST:
            answer = followups.ANSWERS.get(call.answers.get(key, ""), ("", ""))[pick]
            print(f"  {(zh, en)[pick]}\t{answer}")
        return
    actor = _actor(lang)
    answers = _answers(lang, args.answers)
    with db.write() as s:
        done = followups.record(s, args.call, actor.name, reached=not args.not_reached,
                                answers=answers, opinion=args.opinion, problem=args.problem)
        audit.record(s, actor, "followup.record", "case", done.call.case_number, None,
                     {"reached": not args.not_reached, "answers": answers,
                      "problem_found": done.call.problem_found, "reopened": done.reopened})
    if args.not_reached:
        print(_say(lang, N_("Attempt recorded: the call to {number} is still due"),
                   number=done.call.case_number))
    elif done.reopened:
        print(_say(lang, N_("Call recorded; a problem was found: {number} is reopened"),
                   number=done.call.case_number))
    else:
        print(_say(lang, N_("Call recorded for {number}"), number=done.call.case_number))


# --- approvals -----------------------------------------------------------------------------------


def _staff_actor(db: Database, lang: str, username: str) -> tuple[approvals.Actor, Actor]:
    """The staff account that takes the step, and the audit actor (that account, run by the
    operator at the server)."""
    wanted = staff.normalise_username(username)
    found = next((u for u in staff.list_users(db) if u.username == wanted), None)
    if found is None or not found.active:
        raise BadInput(_say(lang, N_("There is no active staff account “{name}”"),
                            name=username[:64]))
    operator = f"cli:{getpass.getuser()}"
    who = Actor(name=found.username, role=found.role, display_name=found.display_name,
                department=found.department, language=lang, address=operator[:64])
    return approvals.Actor(found.username, found.role), who


def _print_approval(view: approvals.ApprovalView, lang: str) -> None:
    c = approvals.CHAINS[view.chain]
    pick = 1 if lang == "en" else 0
    state = approvals.STATUS_WORDS.get(view.status)
    print(f"{view.id}\t{c.words(lang)}\t{view.title}\t"
          f"{(state.zh, str(state))[pick] if state else view.status}")
    for d in view.decisions:
        words = approvals.STATUS_WORDS.get(d.decision)
        print(f"  {c.steps[d.position].words(lang)}\t"
              f"{(words.zh, str(words))[pick] if words else d.decision}\t{d.username}\t"
              f"{_when(d.decided_at)}\t{d.comment}")
    if view.next_role:
        print("  → " + _say(lang, N_("Next: {step} ({role})"),
                            step=c.steps[len(view.decisions)].words(lang),
                            role=i18n.translate(lang, roles.LABELS.get(view.next_role,
                                                                       view.next_role))))


def _approval(args: argparse.Namespace, db: Database, lang: str) -> None:
    command = args.approval_command
    if command in ("list", "show"):
        with db.read() as s:
            found = ([approvals.view(s, args.id)] if command == "show"
                     else approvals.listing(s, status=args.status or None))
        if args.json:
            _print_json(dataclasses.asdict(found[0]) if command == "show"
                        else [dataclasses.asdict(v) for v in found])
            return
        for view in found:
            _print_approval(view, lang)
        return
    step_actor, who = _staff_actor(db, lang, args.as_user)
    if command == "start":
        body = _start_body(lang, args.file)
        with db.write() as s:
            view = approvals.start(s, body["chain"], step_actor, title=body["title"],
                                   details=body["details"],
                                   case_number=body["case_number"].upper(),
                                   comment=body["comment"])
            audit.record(s, who, "approval.propose", "approval", view.id, None, body)
        print(_say(lang, N_("Approval request {id} opened"), id=view.id))
    else:
        with db.write() as s:
            view = approvals.decide(s, args.id, step_actor, args.decision, args.comment)
            audit.record(s, who, f"approval.{args.decision}", "approval", args.id, None,
                         {"status": view.status, "comment": args.comment[:200]})
    _print_approval(view, lang)


def _start_body(lang: str, path: str) -> dict[str, Any]:
    text = _read_text(lang, path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(_say(lang, N_("{path} is not valid JSON (line {line}): {detail}"),
                            path=path, line=exc.lineno, detail=exc.msg)) from exc
    fields = {"chain": str, "title": str, "details": dict, "case_number": str, "comment": str}
    if not isinstance(data, dict) or set(data) - set(fields) or not all(
            isinstance(data.get(k, v()), v) for k, v in fields.items()):
        raise BadInput(_say(lang, N_("{path} cannot be used: {detail}"), path=path,
                            detail="{chain, title, details: {…}, case_number, comment}"))
    return {k: data.get(k, v()) for k, v in fields.items()}
