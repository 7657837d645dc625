"""Workspaces: init, discovery, default location, reset with backup."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.course import load_course
from tutor.errors import WorkspaceError
from tutor.workspace import Workspace

MINI = load_course(Path(__file__).parent / "fixtures" / "mini_course")


def test_init_copies_starters_and_never_overwrites(tmp_path):
    ws, added = Workspace.init(tmp_path / "ws", MINI)
    assert len(added) == 2
    mine = ws.path_for(MINI.exercise("double"))
    mine.write_text("my work")
    _, added_again = Workspace.init(tmp_path / "ws", MINI)
    assert added_again == [] and mine.read_text() == "my work"


def test_find_walks_up_from_a_subfolder(tmp_path, monkeypatch):
    ws, _ = Workspace.init(tmp_path / "ws", MINI)
    deep = ws.root / "exercises" / "01-mini"
    assert Workspace.find(deep).root == ws.root


def test_default_workspace_lives_under_the_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    ws = Workspace.find()
    assert ws.created and ws.root == tmp_path / "home" / "workspace"
    ws.ensure(MINI)
    assert Workspace.find().root == ws.root and not Workspace.find().created


def test_env_override_must_be_a_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_WORKSPACE", str(tmp_path))
    with pytest.raises(WorkspaceError, match="dltutor init"):
        Workspace.find()


def test_reset_backs_up_then_restores(tmp_path):
    ws, _ = Workspace.init(tmp_path / "ws", MINI)
    ex = MINI.exercise("double")
    ws.path_for(ex).write_text("attempt 1")
    first = ws.reset(ex)
    ws.path_for(ex).write_text("attempt 2")
    second = ws.reset(ex)
    assert first.read_text() == "attempt 1" and second.read_text() == "attempt 2"
    assert ws.path_for(ex).read_text() == ex.starter.read_text()


def test_track_switch_persists(tmp_path):
    ws, _ = Workspace.init(tmp_path / "ws", MINI)
    assert ws.track == "bottom-up"
    ws.set_track("top-down")
    assert Workspace(ws.root).track == "top-down"


def test_track_switch_keeps_the_learners_comments_and_tables(tmp_path):
    ws, _ = Workspace.init(tmp_path / "ws", MINI)
    marker = ws.root / "dltutor.toml"
    marker.write_text(marker.read_text() + "# my note\n[editor]\ntrack = 'keep me'\n")
    ws.set_track("top-down")
    text = marker.read_text()
    assert "# my note" in text and "track = 'keep me'" in text
    assert Workspace(ws.root).track == "top-down"


def test_track_switch_on_a_broken_marker_says_so(tmp_path):
    ws, _ = Workspace.init(tmp_path / "ws", MINI)
    (ws.root / "dltutor.toml").write_text("track = = nonsense\n")
    with pytest.raises(WorkspaceError, match="not valid TOML"):
        ws.set_track("top-down")
