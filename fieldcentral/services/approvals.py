"""Approvals along the chains of seed 001 §10.2, each step decided by a user of its role.

* user complaint (用户投诉): proposal (for the user) → review by the regional CS supervisor
  (区域客服主管) → approval by the CS centre manager (客服中心经理);
* dealer complaint (代理商投诉): proposal (dealer / regional sales office) → confirmation by the
  sales office (商务处) → review by the CS centre → approval by the vice-president in charge
  (主管副总);
* batch accident (批量事故): proposal → identification by the quality department (品质部) → the CS
  centre's opinion → review by the factory (工厂) → approval by the production vice-president
  (生产副总);
* single-unit return or exchange (《用户单台退换机处理表》): the sheet → approval by the CS centre.

Every decision is stored with who, in which role, when and the comment; a user whose role is
not the step's is refused (``approval_wrong_role``, 403), and nobody decides two steps of the
same request (four eyes). A rejection ends the request and needs a reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldcentral import clock
from fieldcentral.duty_models import Approval, ApprovalStep
from fieldcentral.errors import N_, ConsoleError, Msgs, Words
from fieldcentral.ids import new_id
from fieldcentral.services import roles

PROPOSERS = ("clerk", "supervisor", "manager")


@dataclass(frozen=True)
class Step:
    """One step of a chain: its name, words, and the roles that may take it."""

    name: str
    zh: str
    en: str
    roles: tuple[str, ...]

    def words(self, lang: str) -> str:
        """The step's name in ``lang``."""
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Field:
    """A field of the request form of a chain."""

    name: str
    zh: str
    en: str
    required: bool = False
    kind: str = "text"  # text / yuan / date / choice
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chain:
    """An approval chain: the form and the steps after the proposal."""

    name: str
    zh: str
    en: str
    steps: tuple[Step, ...]  # steps[0] is the proposal
    fields: tuple[Field, ...]

    def words(self, lang: str) -> str:
        """The chain's name in ``lang``."""
        return self.en if lang == "en" else self.zh


_PLAN = Field("proposal", "处理方案", "Proposed handling", required=True)
_AMOUNT = Field("amount_yuan", "涉及金额（元）", "Amount (yuan)", kind="yuan")
CHAINS: dict[str, Chain] = {c.name: c for c in (
    Chain("user_complaint", "用户投诉处理审批", "User complaint", (
        Step("proposal", "提案（用户）", "Proposal (user)", PROPOSERS),
        Step("review", "审核（区域客服主管）", "Review (regional CS supervisor)", ("supervisor",)),
        Step("approve", "审批（客服中心经理）", "Approval (CS centre manager)", ("manager",)),
    ), (_PLAN, _AMOUNT)),
    Chain("dealer_complaint", "代理商投诉处理审批", "Dealer complaint", (
        Step("proposal", "提案（代理商/商务处）", "Proposal (dealer / sales office)",
             (*PROPOSERS, "sales")),
        Step("confirm", "确认（商务处）", "Confirmation (sales office)", ("sales",)),
        Step("review", "审核（客服中心）", "Review (CS centre)", ("manager",)),
        Step("approve", "审批（主管副总）", "Approval (vice-president in charge)", ("vp",)),
    ), (Field("dealer", "代理商", "Dealer", required=True), _PLAN, _AMOUNT)),
    Chain("batch_accident", "批量事故处理审批", "Batch accident", (
        Step("proposal", "提案（代理商/商务处）", "Proposal (dealer / sales office)",
             (*PROPOSERS, "sales")),
        Step("identify", "鉴定（品质部）", "Identification (quality department)", ("quality",)),
        Step("opinion", "处理意见（客服中心）", "Handling opinion (CS centre)", ("manager",)),
        Step("review", "审核（工厂）", "Review (factory)", ("factory",)),
        Step("approve", "审批（生产副总）", "Approval (production vice-president)", ("vp",)),
    ), (Field("model", "型号", "Model", required=True), Field("batch", "批号", "Batch"),
        Field("fault", "质量问题", "Fault", required=True), _PLAN, _AMOUNT)),
    Chain("single_return", "用户单台退换机处理表", "Single-unit return / exchange", (
        Step("proposal", "填表", "Sheet filled in", PROPOSERS),
        Step("approve", "审批（客服中心）", "Approval (CS centre)", ("manager",)),
    ), (Field("remedy", "处理方式", "Remedy", required=True, kind="choice",
              choices=("return", "exchange")),
        Field("model", "型号", "Model", required=True), Field("serial", "机身编号", "Serial number"),
        Field("purchase_date", "购机日期", "Purchase date", kind="date"),
        Field("fault", "故障现象", "Fault", required=True),
        Field("repairs", "维修记录", "Repairs so far"),
        Field("reason", "退换理由", "Reason", required=True), _AMOUNT)),
)}
REMEDIES = {"return": ("退货", "Return"), "exchange": ("换货", "Exchange")}
DECISIONS = ("approve", "reject")
# A request's state and a step's decision, as the console shows them.
STATUS_WORDS = {"pending": Words("审批中", "pending"), "approved": Words("已批准", "approved"),
                "rejected": Words("已驳回", "rejected"), "proposed": Words("已提出", "proposed")}
MAX_TEXT = 2000


class ApprovalError(ConsoleError):
    """An approval action that is refused (wrong role, decided already, bad form…)."""


@dataclass(frozen=True)
class Actor:
    """Who acts: a staff user and the role they hold."""

    username: str
    role: str


@dataclass(frozen=True)
class Decision:
    """One recorded step."""

    position: int
    step: str
    decision: str  # proposed / approved / rejected
    username: str
    role: str
    decided_at: dt.datetime
    comment: str


@dataclass(frozen=True)
class ApprovalView:
    """A request with its chain, its decisions so far and the step it waits for."""

    id: str
    chain: str
    case_id: str | None
    case_number: str
    title: str
    details: dict[str, Any]
    status: str
    created_by: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    decisions: tuple[Decision, ...]
    next_step: str | None
    next_role: str | None


def chain(name: str) -> Chain:
    """The chain called ``name``."""
    found = CHAINS.get(name)
    if found is None:
        raise ApprovalError("approval_unknown_chain", N_("There is no approval chain "
                            "“{name}”; the chains are {chains}"), status=404, name=name[:40],
                            chains=", ".join(CHAINS))
    return found


def _text(value: Any, what: str) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > MAX_TEXT:
        raise ApprovalError("approval_too_long", N_("{field}: at most {n} characters"),
                            status=422, field=what, n=MAX_TEXT)
    return text


def _form(c: Chain, details: dict[str, Any]) -> dict[str, str]:
    unknown = sorted(set(details) - {f.name for f in c.fields})
    if unknown:
        raise ApprovalError("approval_unknown_field", N_("The form “{chain}” has no field "
                            "“{field}”"), status=422, chain=Words(c.zh, c.en),
                            field=unknown[0][:40])
    form = {}
    for f in c.fields:
        value = _text(details.get(f.name), Words(f.zh, f.en))
        if f.required and not value:
            raise ApprovalError("approval_field_missing", N_("{field} is required"),
                                status=422, field=Words(f.zh, f.en))
        if value and f.kind == "choice" and value not in f.choices:
            raise ApprovalError("approval_field_invalid", N_("{field}: one of {choices}"),
                                status=422, field=Words(f.zh, f.en), choices=Words(
                                    "、".join(REMEDIES.get(x, (x, x))[0] for x in f.choices),
                                    ", ".join(f.choices)))
        if value and f.kind == "yuan":
            try:
                amount = Decimal(value)
            except InvalidOperation:
                amount = Decimal(-1)
            if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
                raise ApprovalError("approval_field_invalid", N_("{field}: an amount in yuan "
                                    "≥ 0 with at most 2 decimals"), status=422,
                                    field=Words(f.zh, f.en))
            value = str(amount.quantize(Decimal("0.01")))
        if value and f.kind == "date":
            try:
                value = dt.date.fromisoformat(value).isoformat()
            except ValueError:
                raise ApprovalError("approval_field_invalid", N_("{field}: a date "
                                    "YYYY-MM-DD"), status=422,
                                    field=Words(f.zh, f.en)) from None
        if value:
            form[f.name] = value
    return form


def _refuse_role(step: Step, actor: Actor) -> None:
    if actor.role not in step.roles:
        raise ApprovalError("approval_wrong_role", N_("The step “{step}” is for {roles}, "
                            "not for {role}"), status=403, step=Words(step.zh, step.en),
                            roles=Msgs(roles.label(r) for r in step.roles),
                            role=roles.label(actor.role))


def start(s: Session, chain_name: str, actor: Actor, *, title: str, details: dict[str, Any],
          case_id: str | None = None, case_number: str = "", comment: str = "") -> ApprovalView:
    """Open a request on ``chain_name``: the proposal is its first recorded step."""
    c = chain(chain_name)
    _refuse_role(c.steps[0], actor)
    title = _text(title, Words("标题", "Title"))[:200]
    if not title:
        raise ApprovalError("approval_field_missing", N_("{field} is required"), status=422,
                            field=Words("标题", "Title"))
    form = _form(c, details)
    now = clock.now()
    row = Approval(id=new_id(), chain=c.name, case_id=case_id, case_number=case_number,
                   title=title, details=form, status="pending", next_position=1,
                   next_role=c.steps[1].roles[0], created_by=actor.username, created_at=now)
    s.add(row)
    s.add(ApprovalStep(approval_id=row.id, position=0, step=c.steps[0].name, decision="proposed",
                       username=actor.username, role=actor.role, decided_at=now,
                       comment=_text(comment, Words("意见", "Comment"))))
    s.flush()
    return view(s, row.id)


def decide(s: Session, approval_id: str, actor: Actor, decision: str,
           comment: str = "") -> ApprovalView:
    """Take the next step of a request: approve, or reject with a reason."""
    row = s.get(Approval, approval_id, with_for_update=True)
    if row is None:
        raise ApprovalError("approval_not_found", N_("There is no such approval request"),
                            status=404)
    if decision not in DECISIONS:
        raise ApprovalError("approval_bad_decision", N_("The decision is approve or reject"),
                            status=422)
    if row.status != "pending":
        raise ApprovalError("approval_finished", N_("This request is {state} already"),
                            status=409, state=STATUS_WORDS.get(row.status,
                                                               Words(row.status, row.status)))
    c = chain(row.chain)
    step = c.steps[row.next_position]
    _refuse_role(step, actor)
    taken = s.execute(select(ApprovalStep.username).where(
        ApprovalStep.approval_id == row.id)).scalars().all()
    if actor.username in taken:
        raise ApprovalError("approval_same_person", N_("You took an earlier step of this "
                            "request: another person must decide this one"), status=403)
    comment = _text(comment, Words("意见", "Comment"))
    if decision == "reject" and not comment:
        raise ApprovalError("approval_reason_required", N_("Say why it is rejected"),
                            status=422)
    now = clock.now()
    s.add(ApprovalStep(approval_id=row.id, position=row.next_position, step=step.name,
                       decision="approved" if decision == "approve" else "rejected",
                       username=actor.username, role=actor.role, decided_at=now, comment=comment))
    if decision == "reject" or row.next_position + 1 == len(c.steps):
        row.status = "approved" if decision == "approve" else "rejected"
        row.next_role, row.finished_at = None, now
    else:
        row.next_position += 1
        row.next_role = c.steps[row.next_position].roles[0]
    s.flush()
    return view(s, row.id)


def view(s: Session, approval_id: str) -> ApprovalView:
    """One request with its decisions."""
    row = s.get(Approval, approval_id)
    if row is None:
        raise ApprovalError("approval_not_found", N_("There is no such approval request"),
                            status=404)
    steps = s.execute(select(ApprovalStep).where(ApprovalStep.approval_id == row.id)
                      .order_by(ApprovalStep.position)).scalars()
    c = chain(row.chain)
    pending = row.status == "pending"
    return ApprovalView(row.id, row.chain, row.case_id, row.case_number, row.title,
                        dict(row.details), row.status, row.created_by, row.created_at,
                        row.finished_at,
                        tuple(Decision(p.position, p.step, p.decision, p.username, p.role,
                                       p.decided_at, p.comment) for p in steps),
                        c.steps[row.next_position].name if pending else None,
                        row.next_role if pending else None)


def listing(s: Session, *, status: str | None = None, role: str | None = None,
            case_id: str | None = None, limit: int = 200) -> list[ApprovalView]:
    """Requests, newest first; ``role`` = those waiting for that role."""
    query = select(Approval.id).order_by(Approval.created_at.desc()).limit(limit)
    if status is not None:
        query = query.where(Approval.status == status)
    if role is not None:
        query = query.where(Approval.status == "pending", Approval.next_role == role)
    if case_id is not None:
        query = query.where(Approval.case_id == case_id)
    return [view(s, i) for i in s.execute(query).scalars().all()]
