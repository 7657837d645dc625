"""The progress store tells corrupt from busy, full and read-only, and never loses a verdict quietly.

Only a file SQLite reports as malformed (or not a database) is moved aside;
a locked store is waited for ("another dltutor is writing; retrying"); a full
disk or a read-only workspace leaves the store alone, the check still runs
and its verdict is printed with the reason it was not saved.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tutor.progress import ProgressStore
from tutor.protocol import CheckResult, Status

MINI = Path(__file__).parent / "fixtures" / "mini_course"
SOLUTION = (MINI / "lessons" / "01-mini" / "solutions" / "double.py").read_text()


def _result(message: str = "") -> CheckResult:
    return CheckResult("double", Status.FAIL, "cpu", 1, 0.1, message)


def _asides(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm")))


def _healthy_store(path: Path, attempts: int = 2) -> None:
    store = ProgressStore(path)
    for _ in range(attempts):
        store.record(_result())
    store.close()


# ---- corruption: the only thing moved aside ----------------------------------------------
def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path):
    path = tmp_path / "progress.sqlite"
    path.write_bytes(b"this is not a database at all" * 200)
    store = ProgressStore(path)
    assert store.warning and "moved to" in store.warning
    assert len(_asides(path)) == 1
    assert store.record(_result()) is not None


def test_a_malformed_database_is_moved_aside(tmp_path):
    path = tmp_path / "progress.sqlite"
    _healthy_store(path, attempts=200)
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 6 * page] = b"\xde\xad\xbe\xef" * (page)  # trash some b-tree pages
    path.write_bytes(bytes(data))
    store = ProgressStore(path)
    assert store.warning and "moved to" in store.warning
    assert len(_asides(path)) == 1


def test_two_corruptions_in_the_same_second_keep_both_backups(tmp_path):
    path = tmp_path / "progress.sqlite"
    path.write_bytes(b"first broken file" * 300)
    ProgressStore(path).close()
    path.write_bytes(b"second broken file" * 300)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    ProgressStore(path).close()
    asides = _asides(path)
    assert len(asides) == 2
    assert {a.read_bytes()[:6] for a in asides} == {b"first ", b"second"}


def test_a_zero_byte_file_is_an_empty_store_said_once(tmp_path):
    path = tmp_path / "progress.sqlite"
    path.write_bytes(b"")
    store = ProgressStore(path)
    assert not _asides(path)
    assert store.warning and "empty" in store.warning
    store.close()
    again = ProgressStore(path)
    assert again.warning is None
    assert again.summary() == {}


# ---- busy: wait, say so, keep the verdict ---------------------------------------------------
def _hold_lock(path: Path) -> subprocess.Popen:
    """Another process holding the write lock (as a second dltutor writing would), until a line
    arrives on its stdin."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sqlite3, sys\n"
                f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
                "c.execute('BEGIN EXCLUSIVE')\n"
                "print('held', flush=True)\n"
                "sys.stdin.readline()\n"
                "c.execute('COMMIT')\n"
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
    return holder


def test_a_locked_store_is_waited_for_not_moved_aside(tmp_path, monkeypatch):
    monkeypatch.setattr(ProgressStore, "BUSY_TIMEOUT_S", 0.5)
    path = tmp_path / "progress.sqlite"
    _healthy_store(path)
    holder = _hold_lock(path)
    try:
        store = ProgressStore(path)  # opening must not need the write lock
        assert store.warning is None and not _asides(path)
        assert store.summary()["double"].attempts == 2  # reads work while another writes
        notices: list[str] = []

        def said(notice: str) -> None:  # the other writer finishes once the store has said it waits
            notices.append(notice)
            assert holder.stdin is not None
            holder.stdin.write(b"release\n")
            holder.stdin.flush()

        store.on_notice = said
        attempt = store.record(_result("recorded while locked"))
    finally:
        holder.communicate(b"", timeout=30)
    assert attempt is not None
    assert any("another dltutor is writing" in n and "retrying" in n for n in notices)
    assert store.summary()["double"].attempts == 3
    assert not _asides(path)


# ---- full disk: verdict kept in hand, store untouched ---------------------------------------
def test_a_full_disk_keeps_the_store_and_says_why(tmp_path):
    path = tmp_path / "progress.sqlite"
    _healthy_store(path)
    store = ProgressStore(path)
    # SQLite's own page cap behaves exactly like a full disk (SQLITE_FULL).
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]  # noqa: SLF001 - simulating a full disk
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # noqa: SLF001
    notices: list[str] = []
    store.on_notice = notices.append
    assert store.record(_result("x" * 200_000)) is None
    assert any("not saved" in n and "full" in n for n in notices), notices
    store.close()
    assert not _asides(path)
    assert ProgressStore(path).summary()["double"].attempts == 2


# ---- the front end: CLI with each fault ---------------------------------------------------
@pytest.fixture
def cli(tmp_path):
    env = {**os.environ, "DLTUTOR_HOME": str(tmp_path / "home"), "DLTUTOR_COURSE": str(MINI), "NO_COLOR": "1"}
    ws = tmp_path / "ws"

    def run(*args: str, prefix: tuple[str, ...] = (), preexec=None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*prefix, sys.executable, "-m", "tutor.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ws,
            timeout=120,
            preexec_fn=preexec,
        )

    def start(*args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "tutor.cli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ws,
        )

    subprocess.run(
        [sys.executable, "-m", "tutor.cli", "init", str(ws)], env=env, check=True, capture_output=True, timeout=60
    )
    (ws / "exercises" / "01-mini" / "double.py").write_text(SOLUTION)
    run.ws = ws  # type: ignore[attr-defined]
    run.start = start  # type: ignore[attr-defined]
    return run


@pytest.mark.e2e
def test_cli_check_waits_for_a_lock_and_keeps_the_verdict(cli):
    assert cli("check", "double").returncode == 0  # the store exists and is healthy
    holder = _hold_lock(cli.ws / ".dltutor" / "progress.sqlite")
    check = cli.start("check", "double")
    try:
        # The lock is held until the check has said it is waiting for it, then let go.
        assert check.stderr is not None
        said = ""
        while "another dltutor is writing" not in said:
            line = check.stderr.readline()
            assert line, f"the check ended without saying it waited for the lock: {said!r}"
            said += line
    finally:
        holder.communicate(b"release\n", timeout=30)
    out, err = check.communicate(timeout=120)
    assert check.returncode == 0, said + err
    assert "PASSED" in out
    assert "Traceback" not in said + err
    import json

    assert json.loads(cli("progress", "--json").stdout)["exercises"]["double"]["attempts"] == 2


@pytest.mark.e2e
def test_cli_check_on_a_full_disk_prints_the_verdict_and_why_it_was_not_saved(cli):
    import resource

    assert cli("check", "double").returncode == 0
    # A file-size limit of zero: every write fails the way it does on a full disk.
    out = cli("check", "double", preexec=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0)))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "PASSED" in out.stdout
    assert "not saved" in out.stderr and "Traceback" not in out.stderr
    assert not _asides(cli.ws / ".dltutor" / "progress.sqlite")
    assert cli("progress").returncode == 0


def _read_only(ws: Path) -> tuple[str, ...]:
    """Make `ws` read-only; as root (who ignores permission bits) also drop the capabilities that do."""
    for folder, _dirs, files in os.walk(ws):
        for name in files:
            os.chmod(os.path.join(folder, name), 0o444)
        os.chmod(folder, 0o555)
    if os.geteuid() != 0:
        return ()
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner")


@pytest.mark.e2e
def test_a_read_only_workspace_reads_and_checks_without_recording(cli):
    assert cli("check", "double").returncode == 0
    prefix = _read_only(cli.ws)
    try:
        for command in (("list",), ("progress",), ("progress", "--json")):
            out = cli(*command, prefix=prefix)
            assert out.returncode == 0, (command, out.stdout, out.stderr)
            assert "Traceback" not in out.stderr, command
        doctor = cli("doctor", prefix=prefix)  # its job is to name the problem: exit 1 is fine
        assert doctor.returncode in (0, 1) and "read-only" in doctor.stdout and "Traceback" not in doctor.stderr
        listing = cli("list", prefix=prefix)
        assert "✓" in listing.stdout  # the passed exercise still shows as passed
        check = cli("check", "double", prefix=prefix)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "PASSED" in check.stdout
        assert "read-only" in check.stderr and "not" in check.stderr
        assert "Traceback" not in check.stderr
    finally:
        for folder, _dirs, _files in os.walk(cli.ws):
            os.chmod(folder, 0o755)
    assert not _asides(cli.ws / ".dltutor" / "progress.sqlite")


def test_a_workspace_deleted_under_a_running_session_is_said(tmp_path):
    import shutil

    from tutor.course import load_course
    from tutor.errors import TutorError
    from tutor.session import Session

    session = Session.open(tmp_path / "ws", course=load_course(MINI))
    session.workspace.file_for(session.course.exercise("double"))
    shutil.rmtree(tmp_path / "ws")
    with pytest.raises(TutorError, match="deleted|gone"):
        session.check("double")
    assert not (tmp_path / "ws").exists(), "a deleted workspace was silently re-created"
    time.sleep(0)
