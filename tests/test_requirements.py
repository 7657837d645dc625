"""An exercise's `requires = [...]`: read as pip reads it, version bounds judged, errors named."""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

import pytest

from tutor import requirements
from tutor.course import load_course
from tutor.errors import CourseError

MINI = Path(__file__).parent / "fixtures" / "mini_course"
NUMPY = metadata.version("numpy")


def test_an_installed_requirement_within_its_bounds_is_met():
    assert requirements.unmet("numpy") is None
    assert requirements.unmet("numpy>=1.0,<1000") is None
    assert requirements.missing(["numpy>=1.0", "sympy"]) == []


def test_a_too_old_install_is_named_with_its_version():
    assert requirements.unmet("numpy>=999") == f"{NUMPY} installed"
    assert requirements.missing(["numpy>=999", "sympy"]) == ["numpy>=999"]


def test_an_absent_package_and_a_malformed_line_are_told_apart():
    assert requirements.unmet("surely-no-such-dist-xyz>=1") == "not installed"
    assert requirements.unmet("numpy >>= 1") == "not a valid requirement"


def test_the_message_names_each_unmet_requirement_and_the_install_command(tmp_path):
    course = load_course(_pack_requiring(tmp_path, ["numpy>=999", "surely-no-such-dist-xyz"]))
    message = requirements.missing_message(course.exercise("double"))
    assert message is not None
    assert f"numpy>=999 ({NUMPY} installed)" in message
    assert "surely-no-such-dist-xyz (not installed)" in message
    assert "pip install 'numpy>=999' 'surely-no-such-dist-xyz'" in message
    assert requirements.course_requirements(course) == {"numpy>=999": ["double"], "surely-no-such-dist-xyz": ["double"]}


def test_a_met_requirement_gives_no_message(tmp_path):
    course = load_course(_pack_requiring(tmp_path, ["numpy>=1.0"]))
    assert requirements.missing_message(course.exercise("double")) is None


@pytest.mark.parametrize(
    "bad",
    ["numpy >>= 1", "pkg @ https://example.org/pkg.whl", "gym; python_version<'3'", "", "torch>=2.0.x", "pkg>=1,<"],
)
def test_the_manifest_refuses_what_pip_would_not_install_plainly(tmp_path, bad):
    with pytest.raises(CourseError, match=r"stage\.toml:\d+: requires must be a list"):
        load_course(_pack_requiring(tmp_path, [bad]))


@pytest.mark.parametrize("good", ["onnxruntime >= 1.17, <2", "pkg[extra]>=1", "name.with-dots==1.2.3", "gymnasium"])
def test_the_manifest_takes_what_pip_reads(tmp_path, good):
    assert load_course(_pack_requiring(tmp_path, [good])).exercise("double").requires == (good,)


def test_the_quick_reading_never_takes_what_packaging_refuses():
    # The loader reads plain requirements with a pattern (no `packaging` import at start-up).
    from tutor.course import _PLAIN_REQUIREMENT, parse_requirement

    tries = ["numpy", "numpy>=1.0", "a>=1,<2", "x.y-z==3", "torch>=2.0.x", "-bad", "name_", "pkg>=1,<", "1pkg>=0"]
    for text in tries:
        if _PLAIN_REQUIREMENT.fullmatch(text):
            assert parse_requirement(text) is not None, text


def _pack_requiring(tmp_path: Path, reqs: list[str]) -> Path:
    """A copy of the mini course whose `double` exercise requires `reqs`."""
    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    manifest = pack / "lessons" / "01-mini" / "stage.toml"
    text = manifest.read_text()
    anchor = 'title = "Double an array"'
    assert anchor in text
    listed = ", ".join(f'"{r}"' for r in reqs)
    manifest.write_text(text.replace(anchor, f"{anchor}\nrequires = [{listed}]", 1))
    return pack
