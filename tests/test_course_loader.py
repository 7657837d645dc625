"""Loader errors name the file and the line; tracks cover every exercise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tutor.course import load_course
from tutor.errors import CourseError

MINI = Path(__file__).parent / "fixtures" / "mini_course"


@pytest.fixture
def pack(tmp_path) -> Path:
    shutil.copytree(MINI, tmp_path / "pack")
    return tmp_path / "pack"


def _edit(pack: Path, old: str, new: str) -> None:
    manifest = pack / "lessons" / "01-mini" / "stage.toml"
    text = manifest.read_text()
    assert old in text
    manifest.write_text(text.replace(old, new, 1))


def test_tracks_order_every_exercise(pack):
    course = load_course(pack)
    assert course.tracks["bottom-up"].order == ("double", "descend")
    assert course.tracks["top-down"].order == ("descend", "double")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title = "Double an array"', 'titel = "Double an array"', r"stage\.toml:\d+: unknown key 'titel'"),
        ('hints = ["Multiply by two.", "return 2 * x"]', 'hints = ["only one"]', r"stage\.toml:\d+: .*two hint levels"),
        ("time_limit_s = 3", 'time_limit_s = "soon"', r"time_limit_s must be"),
        ('id = "descend"', 'id = "double"', r"duplicate exercise id 'double'"),
        ('lesson = "doubling"', 'lesson = "nope"', r"unknown lesson 'nope'"),
        ("format_version = 1", "format_version = 9", r"stage\.toml:1: format_version must be 1"),
        ('title = "A tiny stage"', 'title = "A tiny stage', r"stage\.toml:2: invalid TOML"),
    ],
)
def test_manifest_errors_point_at_the_line(pack, old, new, expected):
    _edit(pack, old, new)
    with pytest.raises(CourseError, match=expected):
        load_course(pack)


def test_missing_checker_is_named(pack):
    (pack / "lessons" / "01-mini" / "checks" / "double.py").unlink()
    with pytest.raises(CourseError, match=r"checker for 'double' not found"):
        load_course(pack)


def test_track_naming_an_unknown_exercise(pack):
    course_toml = pack / "lessons" / "course.toml"
    course_toml.write_text(course_toml.read_text().replace('lead = ["descend"]', 'lead = ["nope"]'))
    with pytest.raises(CourseError, match=r"course\.toml:\d+: track 'top-down' names unknown exercise 'nope'"):
        load_course(pack)


def test_a_relative_root_gives_absolute_paths(pack, monkeypatch):
    monkeypatch.chdir(pack.parent)
    course = load_course(Path(pack.name))
    assert all(ex.checker.is_absolute() and ex.solution.is_absolute() for ex in course.exercises())


def test_a_track_path_gives_each_part_its_reason(pack):
    course_toml = pack / "lessons" / "course.toml"
    course_toml.write_text(
        course_toml.read_text().replace(
            'lead = ["descend"]', ('\n[[tracks.top-down.path]]\nwhy = "See it learn first."\nexercises = ["descend"]\n')
        )
    )
    track = load_course(pack).tracks["top-down"]
    assert track.order == ("descend", "double")
    assert track.why("descend") == "See it learn first." and track.why("double") is None


def test_a_track_path_listing_an_exercise_twice(pack):
    course_toml = pack / "lessons" / "course.toml"
    course_toml.write_text(
        course_toml.read_text().replace(
            'lead = ["descend"]',
            (
                '\n[[tracks.top-down.path]]\nwhy = "a"\nexercises = ["descend"]\n'
                '\n[[tracks.top-down.path]]\nwhy = "b"\nexercises = ["descend"]\n'
            ),
        )
    )
    with pytest.raises(CourseError, match=r"course\.toml:\d+: track 'top-down' lists 'descend' twice"):
        load_course(pack)


def test_the_shipped_top_down_path_names_every_exercise_of_stages_00_to_04():
    from tests.helpers import REPO

    course = load_course(REPO)
    track = course.tracks["top-down"]
    early = [ex.id for stage in course.stages if stage.number <= 4 for ex in stage.exercises]
    assert set(track.order[: len(early)]) == set(early)
    assert all(track.why(ex_id) for ex_id in early)
    assert track.order[:4] == ("first_network", "torch_mlp", "train_cnn_digits", "rnn_sine")
