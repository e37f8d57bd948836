"""《协议书》 crisis agreement: settles the compensation for a crisis event (001 §10.3(5)).

It must say that it settles the compensation only and does not waive the customer's statutory
three-guarantee rights (CPL Art. 26: such a waiver would be void anyway). Amount in figures and
in Chinese capitals; both parties sign.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from fieldapp.documents.capitals import yuan_capitals
from fieldapp.documents.layout import Page, Seal, local_date
from fieldapp.documents.render import Rendered, build
from fieldapp.i18n import QT_TRANSLATE_NOOP
from fieldapp.incidents.types import CrisisAgreement, Party
from fieldapp.money import format_yuan

STATUTORY_RIGHTS = QT_TRANSLATE_NOOP(
    "documents", "This agreement settles only the compensation for the event described above. It "
    "does not waive or limit Party A's statutory rights to repair, exchange and return of the "
    "product (the three guarantees) or any other statutory consumer right (Consumer Rights "
    "Protection Law of the PRC, Art. 26).")


Rows = list[tuple[str, str] | tuple[str, str, str]]


def party_rows(page: Page, role: str, party: Party, company: bool) -> Rows:
    t = page.t
    rows: Rows = [(role, party.name, "wide")]
    if company:
        rows += [(t(QT_TRANSLATE_NOOP("documents", "Represented by")), party.representative),
                 (t(QT_TRANSLATE_NOOP("documents", "Badge no.")), party.badge_no)]
    else:
        rows.append((t(QT_TRANSLATE_NOOP("documents", "ID number")), party.id_number))
    rows.append((t(QT_TRANSLATE_NOOP("documents", "Phone")), party.phone))
    rows.append((t(QT_TRANSLATE_NOOP("documents", "Address")), party.address, "wide"))
    return rows


def amount_text(page: Page, fen: int, goods: str) -> str:
    """"RMB 1,200.00 (in words: 壹仟贰佰元整)" and/or the goods."""
    t = page.t
    parts = []
    if fen:
        parts.append(t(QT_TRANSLATE_NOOP("documents", "RMB ¥{figures} (in capitals: {capitals})"),
                       figures=format_yuan(fen), capitals=yuan_capitals(fen)))
    if goods:
        parts.append(t(QT_TRANSLATE_NOOP("documents", "goods: {goods}"), goods=goods))
    return page.join(parts)


def render(page: Page, agreement: CrisisAgreement) -> Rendered:
    """The agreement, signed or as a draft to be signed on paper."""
    t = page.t
    d = agreement.data
    title = t(QT_TRANSLATE_NOOP("documents", "Agreement"))
    seal = Seal(agreement.number, agreement.content_digest)
    clauses = [
        t(QT_TRANSLATE_NOOP("documents", "Party B compensates Party A: {amount}."),
          amount=amount_text(page, d.compensation_fen, d.compensation_goods)),
        *d.terms,
        t(STATUTORY_RIGHTS),
    ]
    numbered = [f"{_ordinal(page, i + 1)}{text}" for i, text in enumerate(clauses)]
    story: list[Flowable] = [
        *page.header(title),
        page.numbers([
            (t(QT_TRANSLATE_NOOP("documents", "No.")), agreement.number),
            (t(QT_TRANSLATE_NOOP("documents", "Related visit / case")), d.visit_number),
            (t(QT_TRANSLATE_NOOP("documents", "CS centre approval")), d.authorization_ref),
        ]),
        Spacer(1, 2),
        page.section(t(QT_TRANSLATE_NOOP("documents", "Parties"))),
        page.fields(party_rows(page, t(QT_TRANSLATE_NOOP("documents", "Party A (customer)")),
                               d.customer, company=False)),
        Spacer(1, 2),
        page.fields(party_rows(page, t(QT_TRANSLATE_NOOP("documents", "Party B (company)")),
                               d.company, company=True)),
        page.section(t(QT_TRANSLATE_NOOP("documents", "The event"))),
        page.fields([(t(QT_TRANSLATE_NOOP("documents", "What happened")), d.incident_summary, "wide"),
                     (t(QT_TRANSLATE_NOOP("documents", "Product")), d.product, "wide")]),
        page.section(t(QT_TRANSLATE_NOOP("documents", "The parties agree as follows"))),
        *[item for text in numbered for item in (page.p(text, "clause"), Spacer(1, 2))],
        Spacer(1, 2),
        page.p(t(QT_TRANSLATE_NOOP("documents", "Signed at {place} on {date}."),
                 place=d.place or "-", date=local_date(agreement.signed_at or agreement.created_at))),
        Spacer(1, 4),
        *page.signatures([
            (t(QT_TRANSLATE_NOOP("documents", "Party A (customer), signature")),
             agreement.signature("customer"), ""),
            (t(QT_TRANSLATE_NOOP("documents", "Party B (company), authorised representative")),
             agreement.signature("company"),
             t(QT_TRANSLATE_NOOP("documents", "{name}, badge no. {badge}"),
               name=d.company.representative, badge=d.company.badge_no)),
        ], seal),
    ]
    return build(page, title, seal, story)


def _ordinal(page: Page, n: int) -> str:
    if page.language == "en":
        return f"{n}. "
    digits = "零一二三四五六七八九十"
    return (digits[n] if n <= 10 else f"十{digits[n - 10]}") + "、"
