"""Bad input gets a clear message naming the flag, or the file:line and key — exit 2, no traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli_here

MINI = Path(__file__).parent / "fixtures" / "mini_course"
SOLUTION = MINI / "lessons" / "01-mini" / "solutions" / "double.py"


def _run(*args: str, course: Path = MINI, home: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DLTUTOR_HOME": str(home), "DLTUTOR_COURSE": str(course), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "tutor.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=cwd or home.parent,
    )


def _run_here(*args: str, course: Path, home: Path) -> subprocess.CompletedProcess:
    env = {"DLTUTOR_HOME": str(home), "DLTUTOR_COURSE": str(course), "NO_COLOR": "1"}
    return run_cli_here(args, env, home.parent)


def _assert_usage_error(out: subprocess.CompletedProcess, *needles: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stdout, out.stderr)
    assert "Traceback" not in out.stderr + out.stdout, out.stderr
    for needle in needles:
        assert re.search(needle, out.stderr), (needle, out.stderr)


# ---- flags -------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", ["-5", str(2**63), "99999999999999999999999"])
def test_seed_out_of_range_is_a_usage_error(tmp_path, seed):
    out = _run("check", "double", "--file", str(SOLUTION), "--seed", seed, home=tmp_path / "home")
    _assert_usage_error(out, "--seed")


def test_a_folder_as_file_is_named_as_a_folder(tmp_path):
    out = _run("check", "double", "--file", str(tmp_path), home=tmp_path / "home")
    _assert_usage_error(out, "folder|directory")


def test_init_hint_is_shell_quoted(tmp_path):
    where = tmp_path / "my work; rm -rf ~"
    out = _run("init", str(where), home=tmp_path / "home")
    assert out.returncode == 0, out.stderr
    assert "cd '" in out.stdout  # quoted, so pasting it cannot run what follows the ;


# ---- lesson packs ---------------------------------------------------------------------------
@pytest.fixture
def pack(tmp_path):
    root = tmp_path / "pack"
    shutil.copytree(MINI, root)
    return root


def _stage(pack: Path) -> Path:
    return pack / "lessons" / "01-mini" / "stage.toml"


def _line_of(text: str, needle: str, start: int = 0) -> int:
    return text.count("\n", 0, text.index(needle, start)) + 1


def _edit(pack: Path, old: str, new: str, *, count: int = 1) -> str:
    path = _stage(pack)
    text = path.read_text()
    assert old in text, old
    text = text.replace(old, new, count)
    path.write_text(text)
    return text


def _expect_pack_error(pack: Path, tmp_path: Path, line: int | None, *needles: str) -> None:
    where = "stage.toml" + (f":{line}" if line else "")
    for args in (("list",), ("validate", str(pack), "--static")):
        out = _run_here(*args, course=pack, home=tmp_path / "home")
        _assert_usage_error(out, re.escape(where), *needles)


def _only_first_exercise(text: str) -> str:
    return text[: text.index("[[exercise]]", text.index("[[exercise]]") + 1)]


def test_exercise_as_a_number(pack, tmp_path):
    path = _stage(pack)
    text = path.read_text()
    text = text[: text.index("[[exercise]]")] + "exercise = 5\n"
    path.write_text(text)
    _expect_pack_error(pack, tmp_path, _line_of(text, "exercise = 5"), "'exercise'")


def test_a_single_exercise_table(pack, tmp_path):
    path = _stage(pack)
    text = _only_first_exercise(path.read_text()).replace("[[exercise]]", "[exercise]")
    path.write_text(text)
    _expect_pack_error(pack, tmp_path, _line_of(text, "[exercise]"), r"\[\[exercise\]\]")


def test_lesson_as_a_list_of_strings(pack, tmp_path):
    path = _stage(pack)
    text = path.read_text()
    start = text.index("[[lesson]]")
    end = text.index("[[exercise]]")
    text = text[:start].replace("summary =", 'lesson = ["doubling"]\nsummary =') + text[end:]
    path.write_text(text)
    _expect_pack_error(pack, tmp_path, _line_of(text, "lesson = ["), "'lesson'")


def test_tracks_as_a_number(pack, tmp_path):
    course_toml = pack / "lessons" / "course.toml"
    text = course_toml.read_text()
    text = re.sub(r"(?ms)^\[tracks.*", "", text) + "tracks = 5\n"
    course_toml.write_text(text)
    for args in (("list",), ("validate", str(pack), "--static")):
        out = _run_here(*args, course=pack, home=tmp_path / "home")
        _assert_usage_error(out, re.escape(f"course.toml:{_line_of(text, 'tracks = 5')}"), "'tracks'")


def test_a_stage_manifest_that_is_not_utf8(pack, tmp_path):
    path = _stage(pack)
    path.write_bytes(path.read_bytes().replace(b"A tiny stage", b"A tiny st\xe4ge"))
    _expect_pack_error(pack, tmp_path, 2, "UTF-8")


def test_torch_must_be_a_boolean(pack, tmp_path):
    text = _edit(pack, "memory_mb = 256\n", 'memory_mb = 256\ntorch = "no"\n')
    _expect_pack_error(pack, tmp_path, _line_of(text, 'torch = "no"'), "'torch'", "true or false")


def test_memory_mb_has_a_ceiling(pack, tmp_path):
    text = _edit(pack, "memory_mb = 256\n", "memory_mb = 99999999999\n")
    _expect_pack_error(pack, tmp_path, _line_of(text, "memory_mb = 99999999999"), "'memory_mb'")


def test_a_starter_outside_the_pack(pack, tmp_path):
    (tmp_path / "outside.py").write_text("def double(x):\n    raise NotImplementedError\n")
    text = _edit(pack, "memory_mb = 256\n", 'memory_mb = 256\nstarter = "../../../outside.py"\n')
    _expect_pack_error(pack, tmp_path, _line_of(text, "starter = "), "'starter'", "outside")


def test_a_starter_linked_to_a_file_outside_the_pack(pack, tmp_path):
    # No ".." in the name: only following the link shows that it leaves the pack.
    (tmp_path / "outside.py").write_text("def double(x):\n    raise NotImplementedError\n")
    (pack / "exercises" / "01-mini" / "linked.py").symlink_to(tmp_path / "outside.py")
    text = _edit(pack, "memory_mb = 256\n", 'memory_mb = 256\nstarter = "linked.py"\n')
    _expect_pack_error(pack, tmp_path, _line_of(text, "starter = "), "'starter'", "outside")


def test_a_bad_value_in_the_second_exercise_is_reported_at_its_own_line(pack, tmp_path):
    text = _edit(pack, "time_limit_s = 5\n", 'time_limit_s = "soon"\n')
    line = _line_of(text, 'time_limit_s = "soon"')
    assert line != _line_of(text, "time_limit_s")  # the first exercise has one too
    _expect_pack_error(pack, tmp_path, line, "time_limit_s")


def test_a_checker_that_raises_on_import_is_named_with_file_and_line(pack, tmp_path):
    checker = pack / "lessons" / "01-mini" / "checks" / "double.py"
    checker.write_text("import math\nraise RuntimeError('the author broke this')\n" + checker.read_text())
    out = _run("check", "double", "--file", str(SOLUTION), course=pack, home=tmp_path / "home")
    _assert_usage_error(out, re.escape("checks/double.py:2"), "the author broke this")


# ---- the learner's file ---------------------------------------------------------------------
def test_a_symlink_out_of_the_workspace_is_not_read(tmp_path):
    home = tmp_path / "home"
    ws = tmp_path / "ws"
    assert _run("init", str(ws), home=home).returncode == 0
    secret = tmp_path / "secret.py"
    secret.write_text("TOP SECRET = 1\n")  # a syntax error: would be echoed with its line
    learner = ws / "exercises" / "01-mini" / "double.py"
    learner.unlink()
    learner.symlink_to(secret)
    out = _run("check", "double", home=home, cwd=ws)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "TOP SECRET" not in out.stdout + out.stderr
    assert "symlink" in out.stderr or "symbolic link" in out.stderr
    progress = _run("progress", "--json", home=home, cwd=ws)
    assert "TOP SECRET" not in progress.stdout


def test_a_syntax_error_without_a_line_says_no_none(tmp_path):
    path = tmp_path / "garbage.py"
    path.write_bytes(b"def double(x):\n    return 2 * x\x00\n")
    out = _run("check", "double", "--file", str(path), home=tmp_path / "home")
    assert out.returncode == 1
    assert ":None" not in out.stdout and "garbage.py" in out.stdout


def test_an_exception_whose_str_raises_is_the_learners_error(tmp_path):
    path = tmp_path / "double.py"
    path.write_text(
        "class Weird(Exception):\n    def __str__(self):\n        raise ValueError('no')\n"
        "def double(x):\n    raise Weird()\n"
    )
    out = _run("check", "double", "--file", str(path), home=tmp_path / "home")
    assert out.returncode == 1
    assert "internal error" not in out.stdout and "Weird" in out.stdout


# ---- the app's editor hand-over ---------------------------------------------------------------
def test_editor_is_found_before_the_terminal_is_handed_over(monkeypatch, tmp_path):
    from tutor.app.editor import find_editor

    monkeypatch.setenv("EDITOR", "no-such-editor-xyz --wait")
    monkeypatch.delenv("VISUAL", raising=False)
    editor = find_editor()
    assert editor.command is None and "no-such-editor-xyz" in editor.problem and "$EDITOR" in editor.problem

    monkeypatch.delenv("EDITOR")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "vi").write_text("#!/bin/sh\n")
    (fake / "vi").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake))
    editor = find_editor()
    assert editor.command == [str(fake / "vi")] and "$EDITOR" in editor.note

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    editor = find_editor()
    assert editor.command is None and "$EDITOR" in editor.problem
