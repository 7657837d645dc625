"""`dltutor new stage|exercise`: the files an author fills in, in the places the loader reads.

Everything written fails on purpose until the author writes it (the starter and the
reference raise NotImplementedError), so `dltutor validate` lists what is left to do.
Nothing is ever overwritten.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tutor.course import load_stage
from tutor.errors import UsageError

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_STAGE = re.compile(r"^\d\d-[a-z0-9-]+$")

STARTER = '''"""{title}

{task}
"""

import numpy as np


def {id}(x):
    # TODO: write this.
    raise NotImplementedError
'''

SOLUTION = '''"""Reference solution for {id}: write the clean, idiomatic answer here."""

import numpy as np


def {id}(x):
    raise NotImplementedError("write the reference solution")
'''

CHECKER = '''"""Checker for {id}: shapes first, then values against a reference, then named mistakes.

See lessons/AUTHORING.md for one example of every kind of check.
"""

from tutor.checks import Checker


def check(t: Checker) -> None:
    fn = t.function("{id}")
    x = t.rng.normal(size=(4, 3))
    got = t.call(fn, x.copy())
    t.expect_close("{id} matches the reference", got, t.reference.{id}(x.copy()), mistakes={{
        # "what the learner did wrong, in words": what that mistake returns,
    }})
'''

WRONG = """# expect: not implemented
# The untouched starter: the checker must say the TODO is still there.
"""

LESSON = """# {title}

Say what the learner will build and why it matters, then explain the idea
with a small worked example. Derivations go in ```derivation blocks, which
`dltutor validate` proves with sympy.
"""


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string uses JSON's escapes


def _write_new(path: Path, text: str, written: list[Path]) -> None:
    if path.exists():
        raise UsageError(f"{path} already exists; nothing was overwritten")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    written.append(path)


def course_root_for_authoring(course: Path | None) -> Path:
    root = (course or Path.cwd()).resolve()
    if root.name == "lessons":
        root = root.parent
    if not (root / "lessons").is_dir():
        raise UsageError(
            f"{root} holds no lessons/ folder: run this inside a pack "
            "(a folder with lessons/ and exercises/) or pass --course PATH"
        )
    return root


def new_stage(root: Path, stage_id: str, title: str) -> list[Path]:
    if not _STAGE.match(stage_id):
        raise UsageError(f"stage folders are named NN-slug, e.g. 09-graph-networks; got {stage_id!r}")
    written: list[Path] = []
    lesson_id = stage_id[3:]
    _write_new(
        root / "lessons" / stage_id / "stage.toml",
        (
            "format_version = 1\n"
            f"title = {_toml_string(title)}\n"
            'summary = "One paragraph: what this stage teaches and what the learner builds."\n\n'
            "[[lesson]]\n"
            f"id = {_toml_string(lesson_id)}\n"
            f"title = {_toml_string(title)}\n"
            'file = "01-introduction.md"\n'
        ),
        written,
    )
    _write_new(root / "lessons" / stage_id / "01-introduction.md", LESSON.format(title=title), written)
    (root / "exercises" / stage_id).mkdir(parents=True, exist_ok=True)
    return written


def new_exercise(
    root: Path, exercise_id: str, stage_id: str, title: str | None = None, lesson_id: str | None = None
) -> list[Path]:
    if not _ID.match(exercise_id):
        raise UsageError(f"exercise ids are snake_case, e.g. layer_norm; got {exercise_id!r}")
    stage_dir = root / "lessons" / stage_id
    manifest = stage_dir / "stage.toml"
    if not manifest.is_file():
        raise UsageError(
            f"no stage {stage_id!r} in {root / 'lessons'} (make it first: dltutor new stage {stage_id} --title ...)"
        )
    stage = load_stage(stage_dir, root / "exercises")  # a broken manifest is named before we add to it
    if any(ex.id == exercise_id for ex in stage.exercises):
        raise UsageError(f"{manifest}: exercise {exercise_id!r} is already there")
    if lesson_id is None and stage.lessons:
        lesson_id = stage.lessons[-1].id
    title = title or exercise_id.replace("_", " ").capitalize()
    task = f"Write `{exercise_id}(x)`: say exactly what it returns, its shapes and dtypes."
    fields = {"id": exercise_id, "title": title, "task": task}
    written: list[Path] = []
    _write_new(
        root / "exercises" / stage_id / f"{exercise_id}.py",
        STARTER.format(id=exercise_id, title=title, task=task),
        written,
    )
    _write_new(stage_dir / "checks" / f"{exercise_id}.py", CHECKER.format(id=exercise_id), written)
    _write_new(stage_dir / "solutions" / f"{exercise_id}.py", SOLUTION.format(id=exercise_id), written)
    _write_new(
        stage_dir / "wrong" / exercise_id / "starter_unchanged.py",
        WRONG + STARTER.format(id=exercise_id, title=title, task=task),
        written,
    )
    entry = (
        "\n[[exercise]]\n"
        f"id = {_toml_string(fields['id'])}\n"
        f"title = {_toml_string(fields['title'])}\n"
        + (f"lesson = {_toml_string(lesson_id)}\n" if lesson_id else "")
        + "time_limit_s = 10\n"
        'device = "cpu"          # "any" for torch exercises that follow --device\n'
        f"task = {_toml_string(task)}\n"
        'hints = ["A nudge.", "The idea.", "Nearly the code."]\n'
    )
    with manifest.open("a", encoding="utf-8") as out:
        out.write(entry)
    written.append(manifest)
    return written
