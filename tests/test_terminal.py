"""What the terminal can show: LANG=C gets ASCII, TERM=dumb gets the plain view."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tutor import terminal

MINI = Path(__file__).parent / "fixtures" / "mini_course"


def test_the_locale_the_user_set_decides_utf8():
    assert terminal.utf8({"LANG": "en_US.UTF-8"})
    assert terminal.utf8({"LANG": "C.utf8"})
    assert not terminal.utf8({"LANG": "C"})
    assert not terminal.utf8({"LANG": "C", "LC_CTYPE": "C.UTF-8"})  # Python's own coercion under LANG=C
    assert terminal.utf8({"LANG": "C", "LC_ALL": "en_GB.UTF-8"})
    assert not terminal.utf8({"LANG": "en_US.UTF-8", "LC_ALL": "POSIX"})
    assert not terminal.utf8({"LANG": "en_US.UTF-8", "DLTUTOR_ASCII": "1"})
    assert not terminal.utf8({})


def test_ascii_stand_ins():
    assert terminal.ascii_text("✓ double · 3/4 ██░░ ≤ 0.01") == "v double - 3/4 ##-- <= 0.01"


def test_term_dumb_gets_the_plain_view_not_the_app(tmp_path):
    env = {**os.environ, "DLTUTOR_HOME": str(tmp_path / "home"), "DLTUTOR_COURSE": str(MINI), "TERM": "dumb"}
    out = subprocess.run(
        [sys.executable, "-m", "tutor.cli"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == 0
    assert "\x1b[" not in out.stdout  # no escape sequences, no mouse tracking
    assert "double" in out.stdout and "TERM=dumb: this terminal cannot show" in out.stdout


def test_doctor_reports_locale_and_term(monkeypatch, capsys, tmp_path):
    from tutor import doctor

    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_CTYPE", "C.UTF-8")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DLTUTOR_COURSE", str(MINI))
    monkeypatch.setattr(
        doctor, "_probe_torch", lambda: {"version": "x", "cuda_build": None, "cuda_available": False, "devices": []}
    )
    assert doctor.doctor() == 1
    out = capsys.readouterr().out
    assert "the locale is C, not UTF-8" in out and "TERM=dumb cannot show the full-screen app" in out
    assert "all good" not in out
