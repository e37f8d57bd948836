"""Signed policy versions from the centre (three-guarantee policy, holidays, settlement limits,
SLAs): fetched when new, checked against the centre key from enrolment, then stored.

A version whose signature, key fingerprint or content hash does not check is never stored or
used; the sync summary names what was installed. A stored version that no longer checks (the
rule code checks again on every read, :mod:`fieldapp.sync.installed`) is fetched anew.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote

from sqlalchemy import select, update

from fieldapp import clock
from fieldapp.storage.db import Database
from fieldapp.storage.sync_models import PolicyVersionRow
from fieldapp.sync import installed as held_versions
from fieldapp.sync import state
from fieldapp.sync.client import Client
from fieldapp.sync.protocol import PolicyContent, PolicyList, verify_policy


class PolicyRejected(Exception):
    """A policy version whose signature or content hash did not check (kept out)."""


def refresh(db: Database, client: Client, public_key: str) -> tuple[list[str], list[str]]:
    """Fetch every current version we lack; returns (installed, refused) ``kind/scope@version``."""
    listing = PolicyList.model_validate(client.get("/policies"))
    with db.read() as s:
        held = {(r.kind, r.scope, r.version): r.current for r in s.scalars(select(PolicyVersionRow))}
    broken = {(r.kind, r.scope, r.version) for r in held_versions.read(db.data_dir).refused}
    installed, refused = [], []
    refused_keys: list[list[str]] = []
    for entry in listing.policies:
        st = entry.statement
        name = f"{st.kind}/{st.scope}@{st.version}"
        key = (st.kind, st.scope, st.version)
        if held.get(key) and key not in broken:
            continue
        if key not in held or key in broken:  # a stored copy that no longer checks: anew
            answer = PolicyContent.model_validate(client.get(
                f"/policies/{quote(st.kind, safe='')}/{quote(st.version, safe='')}"))
            if answer.policy != entry or not verify_policy(st, entry.signature, public_key,
                                                           answer.content):
                refused.append(name)
                refused_keys.append(list(key))
                continue
            content = answer.content
        else:
            content = None
        _install(db, entry.statement.model_dump(mode="json"), entry.signature, content, key,
                 st.published_at)
        installed.append(name)
    _note_refused(db, json.dumps(refused_keys, ensure_ascii=False))
    return installed, refused


def _note_refused(db: Database, text: str) -> None:
    """Keep what the laptop was offered and refused (reported until a sync finds it good);
    written only when it changed, so a no-op sync stays a read."""
    with db.read() as s:
        if state.get(s, state.POLICIES_REFUSED, "[]") == text:
            return
    with db.write() as s:
        state.put(s, state.POLICIES_REFUSED, text)


def _install(db: Database, statement: dict[str, object], signature: str, content: str | None,
             key: tuple[str, str, str], published_at: dt.datetime) -> None:
    kind, scope, version = key
    with db.write() as s:
        s.execute(update(PolicyVersionRow).where(PolicyVersionRow.kind == kind,
                                                 PolicyVersionRow.scope == scope)
                  .values(current=False))
        row = s.get(PolicyVersionRow, key)
        if row is None:
            assert content is not None
            s.add(PolicyVersionRow(kind=kind, scope=scope, version=version, statement=statement,
                                   signature=signature, content=content,
                                   published_at=published_at.astimezone(dt.UTC),
                                   verified_at=clock.now(), current=True))
        else:
            row.current = True
            if content is not None:  # fetched again: the stored copy had stopped checking
                row.statement, row.signature, row.content = statement, signature, content
                row.verified_at = clock.now()

