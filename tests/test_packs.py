"""Lesson packs carry their own proof; installed packs join the course; `dltutor new` scaffolds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.course import load_course
from tutor.proofs import course_cases, judge, read_header, stray_files

MINI = Path(__file__).parent / "fixtures" / "mini_course"
STAGE = "01-mini"


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tutor.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(MINI, root)
    return root


def test_proof_cases_are_read_from_each_stage():
    course = load_course(MINI)
    wrong = course_cases(course, "wrong")
    right = course_cases(course, "right")
    assert {c.label for c in wrong} >= {"double/triples", "descend/ascends"}
    assert [c.label for c in right] == ["double/adds_itself"]
    triples = next(c for c in wrong if c.label == "double/triples")
    assert triples.expects == ("values differ",) and triples.status == "fail"


def test_judge_names_what_a_proof_got_wrong(tmp_path):
    case = next(c for c in course_cases(load_course(MINI), "wrong") if c.label == "double/triples")
    assert judge(case, "fail", "3 of 12 values differ") is None
    assert "expected fail, got pass" in judge(case, "pass", "")
    assert "'values differ' not in the failure text" in judge(case, "fail", "shape (3,) expected")
    bare = tmp_path / "bare.py"
    bare.write_text("def double(x):\n    return x\n")
    assert read_header(bare) == ((), "fail")


@pytest.mark.e2e
def test_validate_runs_the_proofs_and_reports_each_broken_one(pack):
    stage = pack / "lessons" / STAGE
    (stage / "wrong" / "double" / "actually_right.py").write_text(
        "# expect: values differ\ndef double(x):\n    return 2 * x\n"
    )
    (stage / "wrong" / "double" / "wrong_words.py").write_text(
        "# expect: forgot to square\ndef double(x):\n    return 3 * x\n"
    )
    (stage / "right" / "double" / "actually_wrong.py").write_text("def double(x):\n    return x\n")
    out = run("validate", str(pack), cwd=pack)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "double/actually_right: wrong solution actually_right.py: expected fail, got pass" in out.stdout
    assert "'forgot to square' not in the failure text" in out.stdout
    assert "double/actually_wrong: right solution actually_wrong.py: expected pass, got fail" in out.stdout
    assert "4 problem(s)" not in out.stdout and "3 problem(s)" in out.stdout


def test_validate_finds_stray_files(pack):
    stage = pack / "lessons" / STAGE
    (stage / "checks" / "doubel.py").write_text("def check(t):\n    pass\n")
    (stage / "wrong" / "dubble").mkdir()
    (stage / "02-unlisted.md").write_text("# nobody links me\n")
    (pack / "exercises" / STAGE / "orphan.py").write_text("x = 1\n")
    problems = "\n".join(stray_files(load_course(pack)))
    assert "doubel.py: no exercise uses this checker" in problems
    assert "dubble: no exercise 'dubble' in this stage" in problems
    assert "02-unlisted.md: a lesson file no [[lesson]] names" in problems
    assert "orphan.py: a starter no exercise uses" in problems
    out = run("validate", "--static", str(pack), cwd=pack)
    assert out.returncode == 1 and "doubel.py" in out.stdout


def test_the_shipped_course_has_no_stray_files():
    from tests.helpers import REPO

    assert stray_files(load_course(REPO)) == []


def _install_fake_pack(site: Path, name: str, value: str) -> None:
    """What pip leaves behind for a package declaring [project.entry-points."dltutor.packs"]."""
    info = site / f"{name}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[dltutor.packs]\n{name} = {value}\n")


def test_an_installed_pack_joins_the_course_beside_the_shipped_stages(tmp_path):
    site = tmp_path / "site"
    module = site / "extra_pack"
    content = module / "course"
    (content / "lessons").mkdir(parents=True)
    shutil.copytree(MINI / "lessons" / STAGE, content / "lessons" / "09-extra")
    shutil.copytree(MINI / "exercises" / STAGE, content / "exercises" / "09-extra")
    # Exercise ids are unique across the course: the pack renames its two.
    manifest = content / "lessons" / "09-extra" / "stage.toml"
    manifest.write_text(
        manifest.read_text().replace('id = "double"', 'id = "twice"').replace('id = "descend"', 'id = "downhill"') + ""
    )
    for folder, ext in (
        ("exercises/09-extra", ""),
        ("lessons/09-extra/checks", ""),
        ("lessons/09-extra/solutions", ""),
    ):
        for old, new in (("double", "twice"), ("descend", "downhill")):
            src = content / folder / f"{old}.py"
            src.rename(content / folder / f"{new}{ext}.py")
    for proof in ("wrong", "right"):
        shutil.rmtree(content / "lessons" / "09-extra" / proof)
    (module / "__init__.py").write_text(
        "from pathlib import Path\n\ndef root():\n    return Path(__file__).parent / 'course'\n"
    )
    _install_fake_pack(site, "extra_pack", "extra_pack:root")
    _install_fake_pack(site, "broken_pack", "no_such_module:root")
    env = {"PYTHONPATH": str(site), "DLTUTOR_COURSE": str(MINI), "DLTUTOR_HOME": str(tmp_path / "home")}
    listing = run("list", cwd=tmp_path, env=env)
    assert listing.returncode == 0, listing.stderr
    assert "twice" in listing.stdout and "double" in listing.stdout
    assert "broken_pack" in listing.stderr and "was not loaded" in listing.stderr
    # The pack's checker and solution run like the course's own.
    check = run("check", "twice", "--file", str(content / "lessons/09-extra/solutions/twice.py"), cwd=tmp_path, env=env)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.e2e
def test_new_stage_and_exercise_scaffold_files_that_load_and_fail_until_written(pack):
    out = run("new", "stage", "02-extra", "--title", "Extra things", cwd=pack)
    assert out.returncode == 0, out.stderr
    out = run("new", "exercise", "triple", "--stage", "02-extra", cwd=pack)
    assert out.returncode == 0, out.stderr
    for rel in (
        "exercises/02-extra/triple.py",
        "lessons/02-extra/checks/triple.py",
        "lessons/02-extra/solutions/triple.py",
        "lessons/02-extra/wrong/triple/starter_unchanged.py",
    ):
        assert (pack / rel).is_file(), rel
    course = load_course(pack)
    ex = course.exercise("triple")
    assert ex.lesson_id == "extra" and len(ex.hints) >= 2
    assert run("validate", "--static", str(pack), cwd=pack).returncode == 0
    full = run("validate", str(pack / "lessons" / "02-extra"), cwd=pack)
    assert full.returncode == 1 and "the reference fails" in full.stdout
    # Writing the reference is what is left to do; then the pack validates.
    (pack / "lessons/02-extra/solutions/triple.py").write_text("def triple(x):\n    return 2 * x\n")
    assert run("validate", str(pack / "lessons" / "02-extra"), cwd=pack).returncode == 0
    again = run("new", "exercise", "triple", "--stage", "02-extra", cwd=pack)
    assert again.returncode == 2 and "already" in again.stderr
    outside = run("new", "exercise", "x", "--stage", "02-extra", cwd=pack.parent)
    assert outside.returncode == 2 and "no lessons/ folder" in outside.stderr
