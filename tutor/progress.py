"""The progress store: SQLite in the workspace, one transaction per change.

WAL with synchronous=FULL: a check's attempt row and its curves commit
together, so a kill at any moment loses at most the check that was running,
never one that completed. A file that is not a readable database is moved
aside (never deleted) and a fresh one is made; `warning` says so.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tutor.protocol import (
    PROGRESS_SCHEMA,
    CheckResult,
    Curve,
    Status,
    curves_from_json,
    curves_to_json,
    steps_from_json,
)

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


class ProgressStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.warning: str | None = None
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            aside = self._move_aside()
            self.warning = (f"the progress file {path} was unreadable ({exc}); it was moved to "
                            f"{aside} and a fresh one started.")
            self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            row = conn.execute("PRAGMA quick_check").fetchone()
            if row is None or row[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {row[0] if row else '?'}")
            conn.executescript(_SCHEMA)
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        self.path.replace(aside)
        for suffix in ("-wal", "-shm"):
            extra = self.path.with_name(self.path.name + suffix)
            if extra.exists():
                extra.replace(aside.with_name(aside.name + suffix))
        return aside

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ---- writing -----------------------------------------------------------------
    def record(self, result: CheckResult, source: str = "workspace") -> int:
        """Store one finished check with its curves, atomically."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO attempts (exercise, finished_at, duration_s, status, seed, device, "
                "message, steps_json, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (result.exercise, time.time(), result.duration_s, result.status, result.seed,
                 result.device, result.message, json.dumps([s.to_json() for s in result.steps]), source),
            )
            attempt_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO curves (attempt_id, series, points_json) VALUES (?, ?, ?)",
                [(attempt_id, series, json.dumps(points))
                 for series, points in curves_to_json(result.curves).items()],
            )
        return attempt_id

    def next_hint(self, exercise: str, available: int) -> int:
        """Reveal one more hint level (1-based); stays at the last once all are shown."""
        with self._transaction() as conn:
            row = conn.execute("SELECT level FROM hints WHERE exercise = ?", (exercise,)).fetchone()
            level = min((row[0] if row else 0) + 1, available)
            conn.execute("INSERT INTO hints VALUES (?, ?) ON CONFLICT (exercise) DO UPDATE SET level = ?",
                         (exercise, level, level))
        return level

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as conn:
            conn.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
                         (key, value, value))

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
            "FROM attempts a WHERE source = 'workspace' GROUP BY exercise")
        hints = dict(self._query("SELECT exercise, level FROM hints"))
        out = {
            ex: ExerciseProgress(ex, int(n), bool(passed), Status.parse(last), float(spent or 0.0),
                                 int(hints.get(ex, 0)))
            for ex, n, passed, spent, last in rows
        }
        for ex, level in hints.items():
            out.setdefault(ex, ExerciseProgress(ex, 0, False, None, 0.0, int(level)))
        return out

    def exercise(self, exercise: str) -> ExerciseProgress:
        return self.summary().get(exercise, ExerciseProgress(exercise, 0, False, None, 0.0, 0))

    def has_passed(self, exercise: str) -> bool:
        return bool(self._query("SELECT 1 FROM attempts WHERE exercise = ? AND status = 'pass' "
                                "AND source = 'workspace' LIMIT 1", (exercise,)))

    def last_attempt(self, exercise: str) -> Attempt | None:
        """The newest attempt of the learner's own file."""
        rows = self._query(f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE exercise = ? "
                           "AND source = 'workspace' ORDER BY id DESC LIMIT 1", (exercise,))
        return _attempt(rows[0]) if rows else None

    def attempts(self) -> list[Attempt]:
        """Every stored attempt, oldest first."""
        return [_attempt(row) for row in self._query(f"SELECT {_ATTEMPT_COLUMNS} FROM attempts ORDER BY id")]

    def curves(self, exercise: str, limit: int = 10) -> list[PastCurve]:
        """The most recent attempts that streamed a curve, newest first."""
        attempts = self._query(
            "SELECT id, finished_at, status FROM attempts WHERE exercise = ? AND id IN "
            "(SELECT attempt_id FROM curves) ORDER BY id DESC LIMIT ?", (exercise, limit))
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
            attempts.append({"id": attempt.id, "exercise": result.exercise, "finished_at": attempt.finished_at,
                             "duration_s": result.duration_s, "status": str(result.status),
                             "seed": result.seed, "device": result.device, "message": result.message,
                             "steps": [step.to_json() for step in result.steps], "source": attempt.source,
                             "curves": curves_to_json(self._curves_of(attempt.id))})
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
    result = CheckResult(str(exercise), Status.parse(status), str(device), int(seed), float(duration),
                         message=str(message), steps=steps_from_json(_loads(steps)))
    return Attempt(int(attempt_id), float(finished), str(source), result)
