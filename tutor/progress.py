"""The progress store: SQLite in the workspace, one transaction per change.

WAL with synchronous=FULL: a check's attempt row and its curves commit
together, so a kill at any moment loses at most the check that was running,
never one that completed.

Faults are told apart by SQLite's own error code (`fault_kind`): only a file
SQLite reports as malformed or as not a database is moved aside (never
deleted; a unique name per move) and a fresh one made, and `warning` says so.
A lock held by another dltutor is waited out and said ("another dltutor is
writing; retrying"); a full disk or a read-only workspace leaves the file
alone — reads work, and each write that cannot happen is said through
`on_notice` with its reason instead of raising, so a check's verdict is
never lost to a traceback. A 0-byte file is an empty store.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

from tutor.protocol import (
    PROGRESS_SCHEMA,
    CheckResult,
    Curve,
    Status,
    curves_from_json,
    curves_to_json,
    steps_from_json,
)

_T = TypeVar("_T")

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    exercise TEXT NOT NULL,
    finished_at REAL NOT NULL,
    duration_s REAL NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'error')),
    seed INTEGER NOT NULL,
    device TEXT NOT NULL,
    message TEXT NOT NULL,
    steps_json TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'workspace'
);
CREATE INDEX IF NOT EXISTS attempts_by_exercise ON attempts (exercise, id);
CREATE TABLE IF NOT EXISTS curves (
    attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    series TEXT NOT NULL,
    points_json TEXT NOT NULL,
    PRIMARY KEY (attempt_id, series)
);
CREATE TABLE IF NOT EXISTS hints (exercise TEXT PRIMARY KEY, level INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class ExerciseProgress:
    exercise: str
    attempts: int
    passed: bool
    last_status: Status | None
    time_spent_s: float
    hints_used: int

    @property
    def state(self) -> str:
        """'passed' | 'attempted' | 'new'."""
        return "passed" if self.passed else ("attempted" if self.attempts else "new")


@dataclass(frozen=True)
class PastCurve:
    attempt_id: int
    finished_at: float
    status: Status
    series: dict[str, Curve]


@dataclass(frozen=True)
class Attempt:
    """One stored check, read back typed: its `result` has no curves, notes or output."""

    id: int
    finished_at: float
    source: str  # 'workspace' (the learner's own file) or 'file' (check --file)
    result: CheckResult


# SQLite's primary result codes (exc.sqlite_errorcode & 0xFF): what went wrong decides what we do.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26


class _Malformed(sqlite3.DatabaseError):
    """quick_check found damage."""


def fault_kind(exc: BaseException) -> str:
    """'corrupt' | 'busy' | 'full' | 'read-only' | 'io' | 'other' — only 'corrupt' is ever moved aside."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return "full"
        return "read-only" if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) else "io"
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if (
        isinstance(exc, _Malformed)
        or primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
        or (primary is None and ("malformed" in text or "not a database" in text))
    ):
        return "corrupt"
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or primary is None and "locked" in text:
        return "busy"
    if primary == _SQLITE_FULL or primary is None and "is full" in text:
        return "full"
    if (
        primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN)
        or primary is None
        and ("readonly" in text or "unable to open" in text)
    ):
        return "read-only"
    return "io" if primary == _SQLITE_IOERR or "i/o" in text else "other"


def _why(kind: str, exc: BaseException, path: Path) -> str:
    if kind == "full":
        return f"the disk holding {path.parent} is full ({exc}); free some space"
    if kind == "read-only":
        return f"{path} cannot be written: the workspace is read-only for you ({exc})"
    if kind == "busy":
        return f"another dltutor kept {path} locked for too long ({exc})"
    if kind == "io":
        return f"writing {path} failed with a disk error ({exc}) — is the disk full?"
    return f"{path}: {exc}"


class ProgressStore:
    BUSY_TIMEOUT_S = 2.0  # one wait for the write lock inside SQLite, then we say so and wait on
    BUSY_GIVE_UP_S = 300.0  # a lock held this long is not another check finishing

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warning: str | None = None
        # Why nothing can be written (read-only workspace, full disk), or None: checks still run.
        self.read_only: str | None = None
        self.notices: list[str] = []  # what writes had to say; `on_notice` hears them as they come
        self.on_notice: Callable[[str], None] | None = None
        self._lock = threading.Lock()
        self._identity: tuple[int, int] | None = None
        self._conn = self._connect()

    # ---- opening ---------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        was_empty = self._size() == 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._open()
        except (sqlite3.DatabaseError, OSError) as exc:
            kind = fault_kind(exc)
            if kind != "corrupt":
                return self._open_read_only(kind, exc)
            conn = self._replace_corrupt(exc)
        else:
            if was_empty:
                self.warning = f"the progress file {self.path} was empty (0 bytes); it is used as a fresh, empty store."
        self._identity = self._stat()
        return conn

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            row = conn.execute("PRAGMA quick_check").fetchone()  # a read: fine while another writes
            if row is None or row[0] != "ok":
                raise _Malformed(f"integrity check failed: {row[0] if row else '?'}")
            # Only a new store is written on opening, so read-only commands never wait for a lock.
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(_SCHEMA)
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a fresh store is not 0 bytes again
        except BaseException:
            conn.close()
            raise
        return conn

    def _replace_corrupt(self, exc: BaseException) -> sqlite3.Connection:
        aside = self._move_aside()
        where = f"it was moved to {aside}" if aside else "another dltutor had already moved it aside"
        self.warning = f"the progress file {self.path} was damaged ({exc}); {where} and a fresh one started."
        try:
            return self._open()
        except (sqlite3.DatabaseError, OSError) as again:
            return self._open_read_only(fault_kind(again), again)

    def _open_read_only(self, kind: str, exc: BaseException) -> sqlite3.Connection:
        """Read what can be read; every write is then refused with the reason (never raised)."""
        self.read_only = _why(kind, exc, self.path)
        self.warning = f"progress cannot be saved: {self.read_only}. Checks still run but are not recorded."
        uri = "file:" + urllib.parse.quote(str(self.path))
        for mode in ("?mode=ro", "?immutable=1"):  # immutable: no -shm needed, for a read-only folder
            try:
                conn = sqlite3.connect(
                    uri + mode, uri=True, check_same_thread=False, isolation_level=None, timeout=self.BUSY_TIMEOUT_S
                )
                if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                    return conn
                conn.close()
            except sqlite3.DatabaseError:
                continue
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        conn.executescript(_SCHEMA)  # nothing to read: an empty store that answers every query
        return conn

    def _size(self) -> int | None:
        try:
            return self.path.stat().st_size
        except OSError:
            return None

    def _stat(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_dev, st.st_ino

    def _move_aside(self) -> Path | None:
        """Rename the damaged file to a name no other process can pick (None if it is gone already)."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{os.getpid()}-{secrets.token_hex(3)}")
        try:
            self.path.rename(aside)
        except FileNotFoundError:
            return None
        for suffix in ("-wal", "-shm"):
            extra = self.path.with_name(self.path.name + suffix)
            try:
                extra.rename(aside.with_name(aside.name + suffix))
            except FileNotFoundError:
                pass
        return aside

    # ---- writing -----------------------------------------------------------------
    def _notice(self, message: str) -> None:
        self.notices.append(message)
        if self.on_notice is not None:
            self.on_notice(message)

    def _gone(self) -> str | None:
        """Why the file we hold is no longer the workspace's store (deleted, moved, replaced)."""
        if self._identity is None or self._stat() == self._identity:
            return None
        return (
            f"{self.path} is gone — the workspace was deleted or moved while dltutor was running; "
            "restart dltutor in a workspace"
        )

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:  # SQLite rolls back by itself on some errors (full disk)
                    self._conn.execute("ROLLBACK")
                raise

    def _write(self, what: str, work: Callable[[sqlite3.Connection], _T], *, say: bool = True) -> _T | None:
        """One write transaction. A lock is waited out (and said); any other failure is said, not raised."""
        problem = self.read_only or self._gone()
        if problem:
            if say:
                self._notice(f"{what} was not saved: {problem}")
            return None
        deadline = time.monotonic() + self.BUSY_GIVE_UP_S
        said_busy = False
        while True:
            try:
                with self._transaction() as conn:
                    return work(conn)
            except (sqlite3.DatabaseError, OSError) as exc:
                kind = fault_kind(exc)
                if kind == "busy" and time.monotonic() < deadline:
                    if not said_busy:
                        self._notice(f"another dltutor is writing to {self.path}; retrying")
                        said_busy = True
                    continue  # the busy timeout inside SQLite was the wait
                self._notice(f"{what} was not saved: {_why(kind, exc, self.path)}")
                return None

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def record(self, result: CheckResult, source: str = "workspace") -> int | None:
        """Store one finished check with its curves, atomically; None (and a notice) if it could not be."""

        def insert(conn: sqlite3.Connection) -> int:
            cursor = conn.execute(
                "INSERT INTO attempts (exercise, finished_at, duration_s, status, seed, device, "
                "message, steps_json, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    result.exercise,
                    time.time(),
                    result.duration_s,
                    result.status,
                    result.seed,
                    result.device,
                    result.message,
                    json.dumps([s.to_json() for s in result.steps]),
                    source,
                ),
            )
            attempt_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO curves (attempt_id, series, points_json) VALUES (?, ?, ?)",
                [(attempt_id, series, json.dumps(points)) for series, points in curves_to_json(result.curves).items()],
            )
            return attempt_id

        return self._write(f"this check of {result.exercise} ({result.status})", insert)

    def next_hint(self, exercise: str, available: int) -> int:
        """Reveal one more hint level (1-based); stays at the last once all are shown."""

        def advance(conn: sqlite3.Connection) -> int:
            row = conn.execute("SELECT level FROM hints WHERE exercise = ?", (exercise,)).fetchone()
            level = min((row[0] if row else 0) + 1, available)
            conn.execute(
                "INSERT INTO hints VALUES (?, ?) ON CONFLICT (exercise) DO UPDATE SET level = ?",
                (exercise, level, level),
            )
            return level

        saved = self._write("the hint level", advance)
        return saved if saved is not None else min(self.hint_level(exercise) + 1, available)

    def set_meta(self, key: str, value: str) -> None:
        """A setting (last exercise, theme); not worth a word when it cannot be kept."""
        self._write(
            f"the setting {key!r}",
            lambda conn: conn.execute(
                "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?", (key, value, value)
            ),
            say=False,
        )

    # ---- reading -----------------------------------------------------------------
    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def hint_level(self, exercise: str) -> int:
        rows = self._query("SELECT level FROM hints WHERE exercise = ?", (exercise,))
        return int(rows[0][0]) if rows else 0

    def summary(self) -> dict[str, ExerciseProgress]:
        rows = self._query(
            "SELECT exercise, COUNT(*), MAX(status = 'pass'), SUM(duration_s), "
            "(SELECT status FROM attempts a2 WHERE a2.exercise = a.exercise ORDER BY id DESC LIMIT 1) "
            "FROM attempts a WHERE source = 'workspace' GROUP BY exercise"
        )
        hints = dict(self._query("SELECT exercise, level FROM hints"))
        out = {
            ex: ExerciseProgress(
                ex, int(n), bool(passed), Status.parse(last), float(spent or 0.0), int(hints.get(ex, 0))
            )
            for ex, n, passed, spent, last in rows
        }
        for ex, level in hints.items():
            out.setdefault(ex, ExerciseProgress(ex, 0, False, None, 0.0, int(level)))
        return out

    def exercise(self, exercise: str) -> ExerciseProgress:
        return self.summary().get(exercise, ExerciseProgress(exercise, 0, False, None, 0.0, 0))

    def has_passed(self, exercise: str) -> bool:
        return bool(
            self._query(
                "SELECT 1 FROM attempts WHERE exercise = ? AND status = 'pass' AND source = 'workspace' LIMIT 1",
                (exercise,),
            )
        )

    def last_attempt(self, exercise: str) -> Attempt | None:
        """The newest attempt of the learner's own file."""
        rows = self._query(
            f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE exercise = ? "
            "AND source = 'workspace' ORDER BY id DESC LIMIT 1",
            (exercise,),
        )
        return _attempt(rows[0]) if rows else None

    def attempts(self) -> list[Attempt]:
        """Every stored attempt, oldest first."""
        return [_attempt(row) for row in self._query(f"SELECT {_ATTEMPT_COLUMNS} FROM attempts ORDER BY id")]

    def curves(self, exercise: str, limit: int = 10) -> list[PastCurve]:
        """The most recent attempts that streamed a curve, newest first."""
        attempts = self._query(
            "SELECT id, finished_at, status FROM attempts WHERE exercise = ? AND id IN "
            "(SELECT attempt_id FROM curves) ORDER BY id DESC LIMIT ?",
            (exercise, limit),
        )
        past = []
        for attempt_id, finished_at, status in attempts:
            past.append(PastCurve(attempt_id, finished_at, Status.parse(status), self._curves_of(attempt_id)))
        return past

    def _curves_of(self, attempt_id: int) -> dict[str, Curve]:
        rows = self._query("SELECT series, points_json FROM curves WHERE attempt_id = ?", (attempt_id,))
        return curves_from_json({name: _loads(points) for name, points in rows})

    def export(self) -> dict[str, Any]:
        """Everything, as one JSON-ready document (`dltutor progress --json`, docs/protocol.md)."""
        attempts = []
        for attempt in self.attempts():
            result = attempt.result
            attempts.append(
                {
                    "id": attempt.id,
                    "exercise": result.exercise,
                    "finished_at": attempt.finished_at,
                    "duration_s": result.duration_s,
                    "status": str(result.status),
                    "seed": result.seed,
                    "device": result.device,
                    "message": result.message,
                    "steps": [step.to_json() for step in result.steps],
                    "source": attempt.source,
                    "curves": curves_to_json(self._curves_of(attempt.id)),
                }
            )
        return {
            "schema": PROGRESS_SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "exercises": {ex: asdict(p) | {"state": p.state} for ex, p in self.summary().items()},
            "hints": dict(self._query("SELECT exercise, level FROM hints")),
            "attempts": attempts,
        }


_ATTEMPT_COLUMNS = "id, exercise, finished_at, duration_s, status, seed, device, message, steps_json, source"


def _loads(text: str) -> Any:
    """A stored JSON column; a damaged one reads as nothing rather than crashing a read."""
    try:
        return json.loads(text)
    except ValueError:
        return None


def _attempt(row: tuple) -> Attempt:
    """The one place a stored attempt row becomes typed values."""
    attempt_id, exercise, finished, duration, status, seed, device, message, steps, source = row
    result = CheckResult(
        str(exercise),
        Status.parse(status),
        str(device),
        int(seed),
        float(duration),
        message=str(message),
        steps=steps_from_json(_loads(steps)),
    )
    return Attempt(int(attempt_id), float(finished), str(source), result)
