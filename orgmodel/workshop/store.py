"""A workshop's answers in SQLite (one file per workshop) or PostgreSQL, safe for many writers.

The database keeps four tables:

``workshops``
    id, title, join code, the checklist (as its file format, JSON), the initiatives and
    ``lang``, the participants' page language (``NULL``: the checklist's). A database made
    before ``lang`` existed gets the column (all ``NULL``) when a store opens it.
``rounds``
    numbered per workshop, ``open`` or ``closed``; exactly one round is current (the
    highest number). Answers go to the current round while it is open.
``participants``
    id (a random, unguessable token that the participant's browser keeps), the name they
    typed, a display label unique in the workshop (``"Anna"``, ``"Anna (2)"``),
    ``joined_at`` and ``seq`` (the order of joining).
``answers``
    one row per (round, participant, initiative, criterion) with the numeric ``value`` on
    the criterion's scale and ``updated_at``. Sending an answer again replaces it (UPSERT);
    sending ``None`` withdraws it.

An SQLite file is opened in WAL mode with a busy timeout, and every submission is one short
``BEGIN IMMEDIATE`` transaction that checks the round and writes all its answers or none
(PostgreSQL: ``BEGIN`` with the round row held ``FOR SHARE``), so concurrent participants
never lose or duplicate an answer, and nothing is lost when the server or a browser
restarts. :meth:`WorkshopStore.ratings` gives the answers as the long table that
:mod:`orgmodel.prioritise.group` takes.

>>> from orgmodel.prioritise import Checklist, Criterion, aggregate_scores
>>> checklist = Checklist("demo", {"en": "Demo"}, criteria=[Criterion("need", {"en": "Need"})])
>>> store = WorkshopStore(":memory:")
>>> ws = store.create_workshop(checklist, {"a": "Alpha", "b": "Beta"}, join_code="K7Q2MX")
>>> ann = store.join(ws.id, "k7q2mx", "Ann")
>>> bo = store.join(ws.id, "K7Q2MX", "Bo")
>>> store.submit(ann.token, 1, [("a", "need", "yes"), ("b", "need", "no")])
2
>>> store.submit(bo.token, 1, [("a", "need", "partly")])
1
>>> store.submit(bo.token, 1, [("a", "need", "yes")])   # a re-vote replaces
1
>>> aggregate_scores(store.ratings(ws.id))
criterion    need
alternative
a             1.0
b             0.0
"""

from __future__ import annotations

import datetime as _dt
import hmac
import json
import math
import os
import queue
import re
import secrets
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from orgmodel.errors import UnknownIdError
from orgmodel.i18n import check_language
from orgmodel.prioritise.checklist import Checklist, Initiative, as_initiatives
from orgmodel.workshop.errors import (
    JoinRefusedError,
    RoundClosedError,
    SubmissionError,
    UnknownParticipantError,
    WorkshopError,
)

__all__ = [
    "JOIN_CODE_ALPHABET",
    "MAX_NAME_LENGTH",
    "Participant",
    "Round",
    "Workshop",
    "WorkshopStore",
    "check_name",
    "new_join_code",
    "open_store",
]

#: Letters and digits of join codes: no 0/O, 1/I/L, so a code read aloud is typed right.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
#: Longest participant name accepted (characters, after trimming).
MAX_NAME_LENGTH = 60

SCHEMA = """
CREATE TABLE IF NOT EXISTS workshops (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    join_code TEXT NOT NULL,
    checklist TEXT NOT NULL,
    initiatives TEXT NOT NULL,
    created_at TEXT NOT NULL,
    lang TEXT
);
CREATE TABLE IF NOT EXISTS rounds (
    workshop_id TEXT NOT NULL REFERENCES workshops(id),
    number INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    PRIMARY KEY (workshop_id, number)
);
CREATE TABLE IF NOT EXISTS participants (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id),
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    seq INTEGER NOT NULL,
    UNIQUE (workshop_id, label),
    UNIQUE (workshop_id, seq)
);
CREATE TABLE IF NOT EXISTS answers (
    workshop_id TEXT NOT NULL,
    round INTEGER NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    initiative TEXT NOT NULL,
    criterion TEXT NOT NULL,
    value {real} NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (workshop_id, round, participant_id, initiative, criterion),
    FOREIGN KEY (workshop_id, round) REFERENCES rounds(workshop_id, number)
);
"""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds")


def new_join_code(length: int = 6) -> str:
    """A random join code of ``length`` characters from :data:`JOIN_CODE_ALPHABET`.

    >>> code = new_join_code()
    >>> len(code), set(code) <= set(JOIN_CODE_ALPHABET)
    (6, True)
    """
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(length))


def _normal_code(code: Any) -> str:
    return re.sub(r"[\s-]", "", str(code)).upper() if isinstance(code, str) else ""


def check_name(name: Any) -> str:
    """The participant name to store (trimmed, inner spaces collapsed), or why it is refused.

    Names are shown to the facilitator and the group, so markup is refused outright
    (``<`` and ``>``), as are control characters, empty names and names longer than
    :data:`MAX_NAME_LENGTH`. Everything is escaped where it is shown anyway.

    >>> check_name("  Anna   Berg ")
    'Anna Berg'
    >>> check_name("<script>alert(1)</script>")
    Traceback (most recent call last):
    ...
    orgmodel.workshop.errors.JoinRefusedError: name: '<' and '>' are not allowed in a name
    """
    if not isinstance(name, str):
        raise JoinRefusedError(f"name: need text, not {type(name).__name__}")
    if _CONTROL.search(name.strip()):
        raise JoinRefusedError("name: control characters are not allowed")
    text = unicodedata.normalize("NFC", " ".join(name.split()))
    if not text:
        raise JoinRefusedError("name: empty; type the name the group knows you by")
    if len(text) > MAX_NAME_LENGTH:
        raise JoinRefusedError(f"name: {len(text)} characters; at most {MAX_NAME_LENGTH}")
    if "<" in text or ">" in text:
        raise JoinRefusedError("name: '<' and '>' are not allowed in a name")
    return text


@dataclass(frozen=True)
class Workshop:
    """One workshop: its id, title, join code, checklist and initiatives (in display order).

    ``lang`` is the participants' page language chosen when it was created (``"en"``,
    ``"sv"`` or ``"nb"``), or ``None``: the checklist's.
    """

    id: str
    title: str
    join_code: str
    checklist: Checklist
    initiatives: tuple[Initiative, ...]
    created_at: str
    lang: str | None = None

    @property
    def initiative_ids(self) -> list[str]:
        return [i.id for i in self.initiatives]


@dataclass(frozen=True)
class Round:
    """A scoring round: its number (from 1) and status (``"open"`` or ``"closed"``)."""

    workshop_id: str
    number: int
    status: str
    opened_at: str
    closed_at: str | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class Participant:
    """A participant: ``token`` is their secret id; ``label`` the name shown to the group."""

    token: str
    workshop_id: str
    name: str
    label: str
    joined_at: str

    def __repr__(self) -> str:  # the token is a secret: keep it out of logs and notebooks
        return f"Participant(label={self.label!r}, workshop_id={self.workshop_id!r})"


def _initiatives_json(items: Sequence[Initiative]) -> str:
    return json.dumps(
        [{"id": i.id, "name": i.name, "description": i.description} for i in items],
        ensure_ascii=False,
    )


class _Connection:
    """One database connection behind the few calls the store makes.

    SQL is written with ``?`` placeholders (SQLite's); for PostgreSQL they become ``%s``.
    Both connections run in autocommit mode and the store opens its own transactions.
    """

    def __init__(self, raw: Any, backend: str):
        self.raw = raw
        self.backend = backend

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.backend == "postgresql":
            sql = sql.replace("?", "%s")
        return self.raw.execute(sql, tuple(params))

    @property
    def in_transaction(self) -> bool:
        if self.backend == "sqlite":
            return bool(self.raw.in_transaction)
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def begin_write(self) -> None:
        # SQLite: take the write lock now, so the round check and the writes are one step
        self.execute("BEGIN IMMEDIATE" if self.backend == "sqlite" else "BEGIN")

    def lock_workshop(self, workshop_id: str) -> None:
        """Serialise joins and round changes of one workshop (PostgreSQL; SQLite's
        BEGIN IMMEDIATE already serialises every writer)."""
        if self.backend == "postgresql":
            self.execute("SELECT id FROM workshops WHERE id = ? FOR UPDATE", (workshop_id,))

    @property
    def share_lock(self) -> str:
        """``" FOR SHARE"`` on PostgreSQL (SQLite's write transactions are serial already)."""
        return " FOR SHARE" if self.backend == "postgresql" else ""

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()


def _add_missing_columns(con: _Connection) -> None:
    """Bring a database made by an older orgmodel up to :data:`SCHEMA` (in a write
    transaction): add ``workshops.lang`` (``NULL``: the checklist's language) if missing."""
    if con.backend == "postgresql":
        con.execute("ALTER TABLE workshops ADD COLUMN IF NOT EXISTS lang TEXT")
        return
    columns = {row[1] for row in con.execute("PRAGMA table_info(workshops)").fetchall()}
    if "lang" not in columns:
        con.execute("ALTER TABLE workshops ADD COLUMN lang TEXT")


def _is_postgres_url(text: str) -> bool:
    return text.startswith(("postgres://", "postgresql://"))


def _redacted(url: str) -> str:
    """A database URL without its password.

    >>> _redacted("postgresql://ann:secret@db.example:5432/ws")
    'postgresql://ann:***@db.example:5432/ws'
    """
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class WorkshopStore:
    """The answers of one or more workshops in an SQLite file, or in PostgreSQL.

    Parameters
    ----------
    path
        The SQLite file (created with its tables when new), ``":memory:"``, or a
        ``postgresql://user:password@host:port/database`` URL (needs the ``psycopg``
        package; the tables are created when missing).
    timeout
        Seconds a writer waits for another writer's transaction before giving up.
    pool_size
        Connections kept open for reuse by the server's threads.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 10.0, pool_size: int = 8):
        text = os.fspath(path)
        self.backend = "postgresql" if _is_postgres_url(text) else "sqlite"
        self.path = text
        self.name = _redacted(text) if self.backend == "postgresql" else text
        self._memory = text == ":memory:"
        self._timeout = float(timeout)
        self._pool: queue.LifoQueue[_Connection] = queue.LifoQueue()
        self._pool_size = max(1, int(pool_size))
        self._all: list[_Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        self._workshops: dict[str, Workshop] = {}  # a workshop's row never changes
        if self._memory:  # one shared connection: each :memory: connection is its own db
            self._shared = self._connect()
            self._shared_lock = threading.RLock()
        real = "REAL" if self.backend == "sqlite" else "DOUBLE PRECISION"
        with self._write() as con:
            for statement in SCHEMA.format(real=real).split(";"):
                if statement.strip():
                    con.execute(statement)
            _add_missing_columns(con)

    # ---- connections --------------------------------------------------------------------
    def _connect(self) -> _Connection:
        if self.backend == "postgresql":
            try:
                import psycopg
            except ImportError:
                raise WorkshopError(
                    f"{self.name}: PostgreSQL needs the psycopg package "
                    "(pip install 'psycopg[binary]'), or give an SQLite file"
                ) from None
            try:
                raw = psycopg.connect(
                    self.path, autocommit=True, connect_timeout=max(1, int(self._timeout))
                )
            except psycopg.OperationalError as exc:
                raise WorkshopError(f"{self.name}: cannot connect: {exc}") from None
            raw.execute(f"SET lock_timeout = {int(self._timeout * 1000)}")
            con = _Connection(raw, "postgresql")
        else:
            raw = sqlite3.connect(
                self.path, timeout=self._timeout, isolation_level=None, check_same_thread=False
            )
            raw.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
            raw.execute("PRAGMA foreign_keys = ON")
            if not self._memory:
                mode = raw.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":  # pragma: no cover - a file system without WAL
                    raise WorkshopError(f"{self.path}: cannot use WAL mode (got {mode})")
                raw.execute("PRAGMA synchronous = NORMAL")
            con = _Connection(raw, "sqlite")
        with self._lock:
            self._all.append(con)
        return con

    @contextmanager
    def _connection(self) -> Iterator[_Connection]:
        if self._closed:
            raise WorkshopError(f"{self.name}: the store is closed")
        if self._memory:
            with self._shared_lock:
                yield self._shared
            return
        try:
            con = self._pool.get_nowait()
        except queue.Empty:
            con = self._connect()
        try:
            yield con
        finally:
            if con.in_transaction:  # an error mid-way: never hand on an open transaction
                con.rollback()
            if self._pool.qsize() < self._pool_size and not self._closed:
                self._pool.put(con)
            else:
                con.close()
                with self._lock:
                    if con in self._all:
                        self._all.remove(con)

    @contextmanager
    def _write(self) -> Iterator[_Connection]:
        """One short write transaction: BEGIN (IMMEDIATE) ... COMMIT, ROLLBACK on error."""
        with self._connection() as con:
            con.begin_write()
            try:
                yield con
            except BaseException:
                con.rollback()
                raise
            con.commit()

    def close(self) -> None:
        """Close every connection (the file stays; reopen it with a new store)."""
        self._closed = True
        with self._lock:
            for con in self._all:
                con.close()
            self._all.clear()

    def __enter__(self) -> WorkshopStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- workshops and rounds -----------------------------------------------------------
    def create_workshop(
        self,
        checklist: Checklist,
        initiatives: Iterable[Initiative | str] | Mapping[str, str] | pd.DataFrame,
        *,
        title: str | None = None,
        join_code: str | None = None,
        workshop_id: str | None = None,
        lang: str | None = None,
    ) -> Workshop:
        """A new workshop with round 1 open; a random join code unless one is given.

        ``lang`` (``"en"``, ``"sv"`` or ``"nb"``) is kept with the workshop as its page
        language (:class:`~orgmodel.workshop.server.WorkshopServer` uses it when given none);
        ``None`` leaves it to the checklist's language.

        Raises
        ------
        orgmodel.i18n.UnknownLanguageError
            When ``lang`` is not a language orgmodel has.
        """
        items = as_initiatives(initiatives)
        lang = None if lang is None else check_language(lang)
        if not items:
            raise WorkshopError("initiatives: none given; the group needs something to score")
        if not checklist.criteria:
            raise WorkshopError(f"checklist {checklist.id!r} has no criteria to score")
        code = _normal_code(join_code) if join_code is not None else new_join_code()
        if len(code) < 4:
            raise WorkshopError(f"join code {join_code!r}: use at least 4 letters or digits")
        wid = workshop_id or secrets.token_hex(4)
        now = _now()
        with self._write() as con:
            if con.execute("SELECT 1 FROM workshops WHERE id = ?", (wid,)).fetchone():
                raise WorkshopError(f"workshop {wid!r} exists already in {self.name}")
            con.execute(
                "INSERT INTO workshops "
                "(id, title, join_code, checklist, initiatives, created_at, lang) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    wid,
                    title if title is not None else checklist.text(),
                    code,
                    json.dumps(checklist.to_dict(), ensure_ascii=False, default=str),
                    _initiatives_json(items),
                    now,
                    lang,
                ),
            )
            con.execute("INSERT INTO rounds VALUES (?, 1, 'open', ?, NULL)", (wid, now))
        return self.workshop(wid)

    def workshop_ids(self) -> list[str]:
        """Ids of the workshops in the file, oldest first."""
        with self._connection() as con:
            rows = con.execute("SELECT id FROM workshops ORDER BY created_at, id").fetchall()
        return [r[0] for r in rows]

    def workshop(self, workshop_id: str | None = None) -> Workshop:
        """A workshop by id; without an id, the only one in the file."""
        if workshop_id is not None and workshop_id in self._workshops:
            return self._workshops[workshop_id]
        ids = self.workshop_ids()
        if workshop_id is None:
            if len(ids) != 1:
                raise WorkshopError(
                    f"{self.name} holds {len(ids)} workshops; name one"
                    + (f": {', '.join(ids)}" if ids else "")
                )
            workshop_id = ids[0]
        with self._connection() as con:
            row = con.execute(
                "SELECT id, title, join_code, checklist, initiatives, created_at, lang "
                "FROM workshops WHERE id = ?",
                (workshop_id,),
            ).fetchone()
        if row is None:
            raise UnknownIdError("workshop", workshop_id, ids)
        checklist = Checklist.from_dict(json.loads(row[3]), source=f"{self.name} workshop {row[0]}")
        items = tuple(Initiative(d["id"], d["name"], d["description"]) for d in json.loads(row[4]))
        workshop = Workshop(row[0], row[1], row[2], checklist, items, row[5], row[6])
        self._workshops[workshop.id] = workshop
        return workshop

    def check_join_code(self, workshop_id: str, join_code: Any) -> bool:
        """Whether ``join_code`` is the workshop's (case, spaces and dashes ignored)."""
        stored = self._join_code(workshop_id)
        return hmac.compare_digest(_normal_code(join_code).encode(), stored.encode())

    def _join_code(self, workshop_id: str) -> str:
        with self._connection() as con:
            row = con.execute(
                "SELECT join_code FROM workshops WHERE id = ?", (workshop_id,)
            ).fetchone()
        if row is None:
            raise UnknownIdError("workshop", workshop_id, self.workshop_ids())
        return row[0]

    def rounds(self, workshop_id: str) -> list[Round]:
        """Every round of the workshop, first to current."""
        with self._connection() as con:
            rows = con.execute(
                "SELECT workshop_id, number, status, opened_at, closed_at FROM rounds "
                "WHERE workshop_id = ? ORDER BY number",
                (workshop_id,),
            ).fetchall()
        if not rows:
            raise UnknownIdError("workshop", workshop_id, self.workshop_ids())
        return [Round(*r) for r in rows]

    def current_round(self, workshop_id: str) -> Round:
        """The round with the highest number (open or closed)."""
        return self.rounds(workshop_id)[-1]

    def close_round(self, workshop_id: str) -> Round:
        """Close the current round: answers to it are refused from now on."""
        with self._write() as con:
            con.lock_workshop(workshop_id)
            number = self._current_number(con, workshop_id)
            con.execute(
                "UPDATE rounds SET status = 'closed', closed_at = ? "
                "WHERE workshop_id = ? AND number = ? AND status = 'open'",
                (_now(), workshop_id, number),
            )
        return self.current_round(workshop_id)

    def open_round(self, workshop_id: str) -> Round:
        """Close the current round (if open) and open the next one."""
        now = _now()
        with self._write() as con:
            con.lock_workshop(workshop_id)
            number = self._current_number(con, workshop_id)
            con.execute(
                "UPDATE rounds SET status = 'closed', closed_at = ? "
                "WHERE workshop_id = ? AND number = ? AND status = 'open'",
                (now, workshop_id, number),
            )
            con.execute(
                "INSERT INTO rounds VALUES (?, ?, 'open', ?, NULL)", (workshop_id, number + 1, now)
            )
        return self.current_round(workshop_id)

    def _current_number(self, con: _Connection, workshop_id: str) -> int:
        row = con.execute(
            "SELECT MAX(number) FROM rounds WHERE workshop_id = ?", (workshop_id,)
        ).fetchone()
        if row[0] is None:
            raise UnknownIdError("workshop", workshop_id, self.workshop_ids())
        return int(row[0])

    # ---- participants -------------------------------------------------------------------
    def join(self, workshop_id: str, join_code: Any, name: Any) -> Participant:
        """A new participant with a fresh random token; refused with a wrong code or name.

        Late joiners are welcome: they score the current round. A name already taken is
        shown with a number (``"Anna (2)"``) so that every participant stays apart.
        """
        if not self.check_join_code(workshop_id, join_code):
            raise JoinRefusedError("wrong join code; ask the facilitator for the code")
        text = check_name(name)
        token = secrets.token_urlsafe(24)
        now = _now()
        with self._write() as con:
            con.lock_workshop(workshop_id)
            taken = {
                r[0]
                for r in con.execute(
                    "SELECT label FROM participants WHERE workshop_id = ?", (workshop_id,)
                )
            }
            label, n = text, 1
            while label in taken:
                n += 1
                label = f"{text} ({n})"
            seq = len(taken) + 1
            con.execute(
                "INSERT INTO participants (id, workshop_id, name, label, joined_at, seq) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (token, workshop_id, text, label, now, seq),
            )
        return Participant(token, workshop_id, text, label, now)

    def participant(self, token: Any) -> Participant:
        """The participant holding ``token``; :class:`UnknownParticipantError` otherwise."""
        if not isinstance(token, str) or not token or len(token) > 200:
            raise UnknownParticipantError("unknown participant; join the workshop again")
        with self._connection() as con:
            row = con.execute(
                "SELECT id, workshop_id, name, label, joined_at FROM participants WHERE id = ?",
                (token,),
            ).fetchone()
        if row is None:
            raise UnknownParticipantError("unknown participant; join the workshop again")
        return Participant(*row)

    def participants(self, workshop_id: str) -> pd.DataFrame:
        """Participants in order of joining: ``label``, ``name``, ``joined_at`` (no tokens)."""
        with self._connection() as con:
            rows = con.execute(
                "SELECT label, name, joined_at FROM participants WHERE workshop_id = ? "
                "ORDER BY seq",
                (workshop_id,),
            ).fetchall()
        return pd.DataFrame(rows, columns=["label", "name", "joined_at"])

    # ---- answers ------------------------------------------------------------------------
    def submit(
        self,
        token: str,
        round_number: int,
        answers: Iterable[tuple[str, str, Any]] | Iterable[Mapping[str, Any]],
    ) -> int:
        """Store a participant's answers to the current round in one transaction.

        Parameters
        ----------
        token
            The participant's token.
        round_number
            The round the participant is answering; refused unless it is the current,
            open round (a page left open from an earlier round cannot write into a new one).
        answers
            ``(initiative, criterion, answer)`` triples or mappings with those keys. An
            answer is a scale label in any of the checklist's languages or a number on the
            scale; ``None`` withdraws the answer. An answer given again replaces the old one.

        Returns
        -------
        int
            The number of answers stored or withdrawn.

        Raises
        ------
        UnknownParticipantError, RoundClosedError, SubmissionError
            And nothing is stored: :class:`SubmissionError` lists every problem.
        """
        who = self.participant(token)
        workshop = self.workshop(who.workshop_id)
        rows, problems = self._validate(workshop, answers)
        if not isinstance(round_number, int) or isinstance(round_number, bool):
            problems.insert(0, f"round: need a whole number, not {round_number!r}")
        if problems:
            raise SubmissionError(problems)
        now = _now()
        with self._write() as con:
            # PostgreSQL: hold the round row (FOR SHARE) until COMMIT, so closing the round
            # waits for this submission and no answer lands in a round after it closed
            current = con.execute(
                "SELECT number, status FROM rounds WHERE workshop_id = ? "
                "ORDER BY number DESC LIMIT 1" + con.share_lock,
                (who.workshop_id,),
            ).fetchone()
            if current[0] != round_number:
                raise RoundClosedError(
                    f"round {round_number} is not the current round ({current[0]}); reload the page"
                )
            if current[1] != "open":
                raise RoundClosedError(f"round {round_number} is closed; answers are not accepted")
            for initiative, criterion, value in rows:
                key = (who.workshop_id, round_number, token, initiative, criterion)
                if value is None:
                    con.execute(
                        "DELETE FROM answers WHERE workshop_id = ? AND round = ? AND "
                        "participant_id = ? AND initiative = ? AND criterion = ?",
                        key,
                    )
                else:
                    con.execute(
                        "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (workshop_id, round, participant_id, initiative, criterion) "
                        "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                        (*key, value, now),
                    )
        return len(rows)

    @staticmethod
    def _validate(
        workshop: Workshop, answers: Any
    ) -> tuple[list[tuple[str, str, float | None]], list[str]]:
        problems: list[str] = []
        rows: dict[tuple[str, str], float | None] = {}
        initiatives = workshop.initiative_ids
        criteria = {c.id: c for c in workshop.checklist.criteria}
        if isinstance(answers, str | bytes | Mapping) or not isinstance(answers, Iterable):
            return [], [f"answers: need a list of answers, not {type(answers).__name__}"]
        for n, item in enumerate(answers, start=1):
            if isinstance(item, Mapping):
                absent = [k for k in ("initiative", "criterion", "value") if k not in item]
                if absent:
                    problems.append(f"answer {n}: missing {', '.join(absent)}")
                    continue
                ini, crit, raw = item["initiative"], item["criterion"], item["value"]
            elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 3:
                ini, crit, raw = item
            else:
                problems.append(f"answer {n}: need initiative, criterion and value")
                continue
            where = f"answer {n}"
            bad = False
            if ini not in initiatives:
                problems.append(f"{where}: no initiative {str(ini)[:80]!r} in this workshop")
                bad = True
            if crit not in criteria:
                problems.append(f"{where}: no criterion {str(crit)[:80]!r} in this checklist")
                bad = True
            if bad:
                continue
            if raw is None:
                value = None
            else:
                if isinstance(raw, bool) or not isinstance(raw, str | int | float):
                    problems.append(
                        f"{where} ({ini}, {crit}): {type(raw).__name__} is not an answer"
                    )
                    continue
                try:
                    value = criteria[crit].scale.value(raw)
                except ValueError as exc:
                    problems.append(f"{where} ({ini}, {crit}): {str(exc)[:300]}")
                    continue
                if math.isnan(value) or math.isinf(value):
                    value = None
            if (ini, crit) in rows:
                problems.append(f"{where}: ({ini}, {crit}) answered twice in one submission")
                continue
            rows[(ini, crit)] = value
        return [(i, c, v) for (i, c), v in rows.items()], problems

    def answers_of(self, token: str, round_number: int | None = None) -> pd.DataFrame:
        """One participant's answers (``initiative``, ``criterion``, ``value``, ``updated_at``).

        The current round by default. Only the holder of ``token`` gets these.
        """
        who = self.participant(token)
        number = (
            self.current_round(who.workshop_id).number if round_number is None else round_number
        )
        with self._connection() as con:
            rows = con.execute(
                "SELECT initiative, criterion, value, updated_at FROM answers "
                "WHERE workshop_id = ? AND round = ? AND participant_id = ?",
                (who.workshop_id, number, token),
            ).fetchall()
        frame = pd.DataFrame(rows, columns=["initiative", "criterion", "value", "updated_at"])
        return _in_order(frame, self.workshop(who.workshop_id), "initiative", [])

    def ratings(self, workshop_id: str, round_number: int | None = None) -> pd.DataFrame:
        """The round's answers as a long table for :mod:`orgmodel.prioritise.group`.

        Columns ``rater`` (the participant's label), ``alternative`` (initiative id),
        ``criterion`` and ``score``; one row per answer, ordered by participant, then by
        the workshop's initiative and criterion order. The current round by default.
        """
        workshop = self.workshop(workshop_id)
        number = self.current_round(workshop_id).number if round_number is None else round_number
        with self._connection() as con:
            rows = con.execute(
                "SELECT p.label, a.initiative, a.criterion, a.value FROM answers a "
                "JOIN participants p ON p.id = a.participant_id "
                "WHERE a.workshop_id = ? AND a.round = ? ORDER BY p.seq",
                (workshop_id, number),
            ).fetchall()
        frame = pd.DataFrame(rows, columns=["rater", "alternative", "criterion", "score"])
        frame = _in_order(frame, workshop, "alternative", ["rater"])
        return frame.astype({"score": float})

    def progress(self, workshop_id: str, round_number: int | None = None) -> pd.DataFrame:
        """Per participant: answers given in the round, out of how many, and when last.

        Columns ``label``, ``answered``, ``expected`` (initiatives x criteria) and
        ``last_answer`` (None before the first); every participant is listed.
        """
        workshop = self.workshop(workshop_id)
        number = self.current_round(workshop_id).number if round_number is None else round_number
        expected = len(workshop.initiatives) * len(workshop.checklist.criteria)
        with self._connection() as con:
            rows = con.execute(
                "SELECT p.label, COUNT(a.value), MAX(a.updated_at) FROM participants p "
                "LEFT JOIN answers a ON a.participant_id = p.id AND a.round = ? "
                "WHERE p.workshop_id = ? GROUP BY p.id, p.label, p.seq ORDER BY p.seq",
                (number, workshop_id),
            ).fetchall()
        out = pd.DataFrame(rows, columns=["label", "answered", "last_answer"])
        out.insert(2, "expected", expected)
        return out

    def count_answers(self, workshop_id: str | None = None, round_number: int | None = None) -> int:
        """Rows in the answers table (of one workshop and round when given)."""
        sql, args = "SELECT COUNT(*) FROM answers WHERE 1 = 1", []
        if workshop_id is not None:
            sql += " AND workshop_id = ?"
            args.append(workshop_id)
        if round_number is not None:
            sql += " AND round = ?"
            args.append(round_number)
        with self._connection() as con:
            return int(con.execute(sql, args).fetchone()[0])

    def count_participants(self, workshop_id: str | None = None) -> int:
        """Rows in the participants table (of one workshop when given)."""
        with self._connection() as con:
            if workshop_id is None:
                return int(con.execute("SELECT COUNT(*) FROM participants").fetchone()[0])
            return int(
                con.execute(
                    "SELECT COUNT(*) FROM participants WHERE workshop_id = ?", (workshop_id,)
                ).fetchone()[0]
            )


def _in_order(frame: pd.DataFrame, workshop: Workshop, ini: str, first: list[str]) -> pd.DataFrame:
    """Rows sorted by ``first`` (in order of appearance), then initiative and criterion order."""
    keys = {}
    for col in first:
        seen = {k: n for n, k in enumerate(pd.unique(frame[col]))}
        keys[col] = frame[col].map(seen)
    keys[ini] = frame[ini].map({k: n for n, k in enumerate(workshop.initiative_ids)})
    keys["criterion"] = frame["criterion"].map(
        {k: n for n, k in enumerate(workshop.checklist.criterion_ids)}
    )
    order = pd.DataFrame(keys, index=frame.index).sort_values(list(keys), kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def open_store(db: str | os.PathLike[str]) -> WorkshopStore:
    """A store on ``db``, creating the file's folder when needed."""
    if os.fspath(db) != ":memory:" and not os.fspath(db).startswith(("postgres", "postgresql")):
        Path(db).parent.mkdir(parents=True, exist_ok=True)
    return WorkshopStore(db)
