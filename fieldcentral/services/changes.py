"""The commit-ordered change log that pulls page through.

Every write of a synced record leaves its ``change_seq`` NULL and registers the record here;
:meth:`ChangeLog.finish`, called just before commit, takes the change-log lock and hands out
consecutive sequence numbers. The lock is held until the transaction ends, so sequence numbers
become visible in the order they were handed out: a pull that saw N can never later miss a
smaller number committing late (the PostgreSQL pitfall of plain sequences, DESIGN.md "Sync
protocol"). On PostgreSQL the lock is the row lock of the one ``change_counter`` row, taken by
the UPDATE that hands the numbers out: a second writer's UPDATE waits for the first to commit
and then reads the counter it left, so its numbers are higher and visible later (an advisory
transaction lock before it, as DESIGN.md suggests, would be the same lock taken twice: it cost
a round trip per push). On SQLite the write transaction (``BEGIN IMMEDIATE``) already excludes
every other writer. Row locks on records are taken before this lock and never while holding it,
so the two cannot deadlock.
"""

from __future__ import annotations

from sqlalchemy import text, update
from sqlalchemy.orm import Session

from fieldcentral import clock
from fieldcentral.models import ChangeCounter, Record, ScopeExit

# The counter moved on and the records numbered from it in one statement (arrays unnested, one
# round trip for the whole transaction): the CTE's UPDATE takes the counter's row lock. Each
# record is found by its primary key (a lateral lookup), then updated by its row address: a
# plan of index lookups whatever the table's statistics say. Joined by key instead, the plan
# PostgreSQL cached for a connection while ``records`` was nearly empty (a new centre, before
# autovacuum's first analysis) read the whole table on every push, under the counter's lock
# (1.4 ms at 5 000 records, growing), for as long as the connection lived.
_NUMBER_RECORDS = text(
    "WITH counter AS (UPDATE change_counter SET value = value + :count WHERE id = 1 "
    "RETURNING value - :count AS start), "
    "touched AS (SELECT found.ctid AS tid, v.position FROM "
    "unnest(CAST(:entities AS text[]), CAST(:ids AS text[])) WITH ORDINALITY "
    "AS v(entity, entity_id, position) CROSS JOIN LATERAL (SELECT ctid FROM records "
    "WHERE records.entity = v.entity AND records.entity_id = v.entity_id OFFSET 0) AS found) "
    "UPDATE records SET change_seq = counter.start + touched.position FROM counter, touched "
    "WHERE records.ctid = touched.tid RETURNING counter.start")


class ChangeLog:
    """The records one transaction changed, numbered at :meth:`finish`."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._touched: dict[tuple[str, str], Record] = {}
        self._exits: list[tuple[str, Record]] = []

    def touch(self, record: Record) -> None:
        """Mark ``record`` as changed in this transaction (its seq is assigned at finish)."""
        record.change_seq = None
        self._touched.setdefault((record.entity, record.entity_id), record)

    def leave(self, badge_no: str, record: Record) -> None:
        """``record`` leaves the scope of technician ``badge_no`` (a work order reassigned):
        that technician's devices pull a tombstone of it, numbered with this transaction's
        changes (with the record's version at commit)."""
        self._exits.append((badge_no, record))

    def mark(self) -> int:
        """A point to come back to: :meth:`since` lists the keys touched after it."""
        return len(self._touched)

    def since(self, mark: int) -> list[tuple[str, str]]:
        """Keys first touched after ``mark`` (to forget when their savepoint rolls back)."""
        return list(self._touched)[mark:]

    def forget(self, keys: list[tuple[str, str]]) -> None:
        """Drop keys whose writes were rolled back (a refused transaction group)."""
        for key in keys:
            self._touched.pop(key, None)

    def finish(self) -> int | None:
        """Take the change-log lock and number the changed records; returns the last seq."""
        s = self._session
        if not self._touched and not self._exits:
            return None
        postgres = s.get_bind().dialect.name == "postgresql"
        if postgres:
            s.flush()  # every other write first: the counter's row lock is held to the commit
        count = len(self._touched) + len(self._exits)
        start: int | None = None
        if postgres and self._touched:
            keys = list(self._touched)
            starts = s.execute(_NUMBER_RECORDS, {
                "count": count, "entities": [k[0] for k in keys],
                "ids": [k[1] for k in keys]}).scalars().all()
            # cannot be: every touched record was written above, so this transaction holds its
            # row lock and its row address cannot change under the statement
            if len(starts) != len(keys):
                raise RuntimeError("the changed records were not all found to number")
            start = starts[0]
        else:
            with s.no_autoflush:
                start = s.execute(update(ChangeCounter).where(ChangeCounter.id == 1)
                                  .values(value=ChangeCounter.value + count)
                                  .returning(ChangeCounter.value)).scalar_one() - count
            for offset, record in enumerate(self._touched.values(), 1):
                record.change_seq = start + offset
            s.flush()
        first_exit = start + len(self._touched) + 1
        for seq, (badge, record) in enumerate(self._exits, first_exit):
            s.add(ScopeExit(change_seq=seq, badge_no=badge, entity=record.entity,
                            entity_id=record.entity_id, version=record.version,
                            created_at=clock.now()))
        s.flush()
        self._touched.clear()
        self._exits.clear()
        return start + count
