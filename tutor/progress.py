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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.runner.protocol import CheckResult

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
    last_status: str | None
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
    status: str
    series: dict[str, list[list[float]]]


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
                 result.device, result.message, json.dumps(result.steps), source),
            )
            attempt_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO curves (attempt_id, series, points_json) VALUES (?, ?, ?)",
                [(attempt_id, series, json.dumps(points)) for series, points in result.curves.items()],
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
            ex: ExerciseProgress(ex, int(n), bool(passed), last, float(spent or 0.0), int(hints.get(ex, 0)))
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

    def last_attempt(self, exercise: str) -> dict[str, Any] | None:
        """The newest attempt of the learner's own file: status, message, steps, device, seed."""
        rows = self._query("SELECT id, finished_at, duration_s, status, seed, device, message, steps_json "
                           "FROM attempts WHERE exercise = ? AND source = 'workspace' "
                           "ORDER BY id DESC LIMIT 1", (exercise,))
        if not rows:
            return None
        attempt_id, finished, duration, status, seed, device, message, steps = rows[0]
        return {"id": attempt_id, "finished_at": finished, "duration_s": duration, "status": status,
                "seed": seed, "device": device, "message": message, "steps": json.loads(steps)}

    def curves(self, exercise: str, limit: int = 10) -> list[PastCurve]:
        """The most recent attempts that streamed a curve, newest first."""
        attempts = self._query(
            "SELECT id, finished_at, status FROM attempts WHERE exercise = ? AND id IN "
            "(SELECT attempt_id FROM curves) ORDER BY id DESC LIMIT ?", (exercise, limit))
        past = []
        for attempt_id, finished_at, status in attempts:
            series = {name: json.loads(points) for name, points in self._query(
                "SELECT series, points_json FROM curves WHERE attempt_id = ?", (attempt_id,))}
            past.append(PastCurve(attempt_id, finished_at, status, series))
        return past

    def export(self) -> dict[str, Any]:
        """Everything, as one JSON-ready document (`dltutor progress --json`)."""
        attempts = []
        for row in self._query("SELECT id, exercise, finished_at, duration_s, status, seed, device, "
                               "message, steps_json, source FROM attempts ORDER BY id"):
            attempt_id, exercise, finished, duration, status, seed, device, message, steps, source = row
            curves = {name: json.loads(points) for name, points in self._query(
                "SELECT series, points_json FROM curves WHERE attempt_id = ?", (attempt_id,))}
            attempts.append({"id": attempt_id, "exercise": exercise, "finished_at": finished,
                             "duration_s": duration, "status": status, "seed": seed, "device": device,
                             "message": message, "steps": json.loads(steps), "source": source,
                             "curves": curves})
        return {
            "schema_version": SCHEMA_VERSION,
            "exercises": {ex: p.__dict__ | {"state": p.state} for ex, p in self.summary().items()},
            "hints": dict(self._query("SELECT exercise, level FROM hints")),
            "attempts": attempts,
        }
