"""The SQLite progress store: atomic records, hints, export, corruption, kills."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from tutor.progress import ProgressStore
from tutor.protocol import PROGRESS_SCHEMA, CheckResult, Details, Status, Step, StepKind


def result(exercise: str, status: str, curve: bool = False) -> CheckResult:
    step = Step(
        "s", StepKind.VALUE, Status.PASS if status == "pass" else Status.FAIL, details=Details(expected=1.0, got=2.0)
    )
    r = CheckResult(exercise, Status(status), "cpu", 7, 0.5, steps=[step])
    if curve:
        r.curves = {"loss": [(0, 1.0), (1, 0.5)], "reference": [(0, 1.0), (1, 0.4)]}
    return r


def test_attempts_and_summary(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    store.record(result("softmax", "fail"))
    store.record(result("softmax", "pass"))
    store.record(result("relu", "error"))
    summary = store.summary()
    assert summary["softmax"].attempts == 2 and summary["softmax"].passed
    assert summary["relu"].state == "attempted" and summary["relu"].last_status == "error"
    assert store.has_passed("softmax") and not store.has_passed("relu")


def test_checks_of_other_files_do_not_count_as_passing(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    store.record(result("softmax", "pass"), source="file")
    assert not store.has_passed("softmax")


def test_hints_advance_and_stop_at_the_last(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    assert [store.next_hint("softmax", 3) for _ in range(4)] == [1, 2, 3, 3]
    assert store.summary()["softmax"].hints_used == 3


def test_curves_and_export(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    store.record(result("mlp", "fail", curve=True))
    store.record(result("mlp", "pass", curve=True))
    past = store.curves("mlp")
    assert len(past) == 2 and past[0].status == "pass"
    assert past[0].series["loss"] == [(0, 1.0), (1, 0.5)]
    exported = json.loads(json.dumps(store.export()))
    assert exported["schema"] == PROGRESS_SCHEMA
    assert len(exported["attempts"]) == 2 and exported["exercises"]["mlp"]["state"] == "passed"
    assert exported["attempts"][1]["steps"][0]["details"] == {"expected": 1.0, "got": 2.0}
    assert exported["attempts"][1]["curves"]["loss"] == [[0, 1.0], [1, 0.5]]


def test_the_last_attempt_reads_back_typed(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    store.record(result("mlp", "fail"))
    attempt = store.last_attempt("mlp")
    assert attempt is not None and attempt.result.status == Status.FAIL
    assert attempt.result.steps[0].details.expected == 1.0 and attempt.source == "workspace"


def test_corrupt_file_is_moved_aside_and_rebuilt(tmp_path):
    path = tmp_path / "p.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    store = ProgressStore(path)
    assert store.warning and "moved to" in store.warning
    store.record(result("softmax", "pass"))
    assert store.has_passed("softmax")
    assert list(tmp_path.glob("p.sqlite.corrupt-*"))


_WRITER = """
import sys
from tutor.progress import ProgressStore
from tutor.protocol import CheckResult, Status, Step, StepKind
store = ProgressStore(__import__("pathlib").Path(sys.argv[1]))
i = 0
while True:
    r = CheckResult(f"ex{i}", Status.PASS, "cpu", i, 0.1, steps=[Step("s", StepKind.VALUE, Status.PASS)],
                    curves={"loss": [(j, 1.0 / (j + 1)) for j in range(200)]})
    store.record(r)
    print(i, flush=True)
    i += 1
"""


def test_a_kill_mid_write_loses_no_completed_record(tmp_path):
    path = tmp_path / "p.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    acknowledged = -1
    deadline = time.monotonic() + 30
    while acknowledged < 30 and time.monotonic() < deadline:
        acknowledged = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    store = ProgressStore(path)
    assert store.warning is None
    summary = store.summary()
    for i in range(acknowledged + 1):
        assert summary[f"ex{i}"].passed
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_last_attempt_returns_the_whole_verdict(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    assert store.last_attempt("softmax") is None
    store.record(result("softmax", "fail"))
    store.record(result("softmax", "pass"), source="file")
    last = store.last_attempt("softmax")
    assert last is not None
    assert last.result.status == "fail" and last.result.steps[0].name == "s" and last.result.seed == 7
