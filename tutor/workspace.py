"""The learner's workspace: their copies of the starters, and dltutor's state.

    <dir>/dltutor.toml                 marks the workspace (format_version, track)
    <dir>/exercises/NN-stage/<id>.py   the files the learner edits
    <dir>/.dltutor/progress.sqlite     attempts, verdicts, hints, curves
    <dir>/.dltutor/backups/            the learner's copy before each reset

Found by walking up from the current directory, or `$DLTUTOR_WORKSPACE`, or
else the default workspace under the user data directory (created on first use).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tutor import paths
from tutor.course import TRACKS, Course, Exercise
from tutor.errors import UsageError, WorkspaceError

MARKER = "dltutor.toml"
STATE_DIR = ".dltutor"
WORKSPACE_VERSION = 1


def file_digest(path: Path) -> str:
    """Content hash of a learner's file ("" if unreadable): watchers re-check only on real change."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _marker_text(track: str) -> str:
    return (
        f"# A dltutor workspace: edit the files under exercises/ and run `dltutor`.\n"
        f'format_version = {WORKSPACE_VERSION}\ntrack = "{track}"\n'
    )


@dataclass
class Workspace:
    root: Path
    created: bool = False  # True when no workspace existed: the default one is made on first use (the CLI says where)

    # ---- finding and making --------------------------------------------------
    @classmethod
    def find(cls, start: Path | None = None, *, create_default: bool = True) -> Workspace:
        override = os.environ.get("DLTUTOR_WORKSPACE")
        if override:
            root = Path(override).expanduser().resolve()
            if not (root / MARKER).is_file():
                raise WorkspaceError(
                    f"$DLTUTOR_WORKSPACE={override} is not a dltutor workspace "
                    f"(no {MARKER}); run `dltutor init {override}`"
                )
            return cls(root)
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / MARKER).is_file():
                return cls(folder)
        default = paths.default_workspace()
        if (default / MARKER).is_file():
            return cls(default)
        if not create_default:
            raise WorkspaceError("no dltutor workspace here or above; run `dltutor init DIR`")
        return cls(default, created=True)

    @classmethod
    def init(cls, root: Path, course: Course, track: str = "bottom-up") -> tuple[Workspace, list[Path]]:
        """Create (or top up) a workspace; existing learner files are never overwritten."""
        if track not in TRACKS:
            raise UsageError(f"unknown track {track!r}; choose one of {', '.join(TRACKS)}")
        root = root.expanduser().resolve()
        if root.exists() and not root.is_dir():
            raise WorkspaceError(f"{root} exists and is not a folder")
        marker = root / MARKER
        try:
            root.mkdir(parents=True, exist_ok=True)
            if not marker.is_file():
                marker.write_text(_marker_text(track), encoding="utf-8")
            (root / STATE_DIR).mkdir(exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(f"cannot create a workspace in {root}: {exc.strerror}") from exc
        workspace = cls(root)
        added = [workspace.file_for(ex) for ex in course.exercises() if not workspace.has_file(ex)]
        return workspace, added

    def ensure(self, course: Course) -> None:
        """Make sure a default workspace found by `find` exists on disk."""
        if not (self.root / MARKER).is_file():
            Workspace.init(self.root, course)

    # ---- places ----------------------------------------------------------------
    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def progress_path(self) -> Path:
        return self.state_dir / "progress.sqlite"

    @property
    def backups_dir(self) -> Path:
        return self.state_dir / "backups"

    @property
    def cache_dir(self) -> Path:
        return self.state_dir / "cache"

    def path_for(self, ex: Exercise) -> Path:
        return self.root / "exercises" / ex.starter_rel

    def has_file(self, ex: Exercise) -> bool:
        return self.path_for(ex).is_file()

    def file_for(self, ex: Exercise) -> Path:
        """The learner's file for `ex`; a new exercise's starter is copied in on first use."""
        path = self.path_for(ex)
        if not path.is_file():
            if not (self.root / MARKER).is_file():  # never re-create a workspace deleted under us
                raise WorkspaceError(
                    f"the workspace {self.root} is gone (deleted or moved while dltutor "
                    "was running?); nothing was created. Restart dltutor, or run "
                    f"`dltutor init {self.root}` to make it again."
                )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(ex.starter, path)
            except OSError as exc:
                raise WorkspaceError(f"cannot create {path}: {exc.strerror}") from exc
        self._refuse_outside_link(path)
        return path

    def _refuse_outside_link(self, path: Path) -> None:
        """A learner file that links out of the workspace is never run: its text would be echoed and stored."""
        if not path.is_symlink():
            return
        target = path.resolve()
        if not target.is_relative_to(self.root.resolve()):
            raise WorkspaceError(
                f"{path} is a symbolic link to a file outside the workspace; dltutor "
                "does not run, show or store such a file. Replace the link with a copy "
                "(or check it explicitly with --file)."
            )

    # ---- settings ----------------------------------------------------------------
    def _settings(self) -> dict:
        try:
            return tomllib.loads((self.root / MARKER).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            return {}

    @property
    def track(self) -> str:
        track = self._settings().get("track", "bottom-up")
        return track if track in TRACKS else "bottom-up"

    def set_track(self, track: str) -> None:
        if track not in TRACKS:
            raise UsageError(f"unknown track {track!r}; choose one of {', '.join(TRACKS)}")
        import tomlkit  # edits the learner's file keeping its comments and layout
        from tomlkit.exceptions import ParseError

        marker = self.root / MARKER
        text = marker.read_text(encoding="utf-8") if marker.is_file() else _marker_text(track)
        try:
            document = tomlkit.parse(text)
        except ParseError as exc:
            raise WorkspaceError(
                f"{marker} is not valid TOML ({exc}); fix it or run `dltutor init` in a new folder"
            ) from exc
        document["track"] = track
        tmp = marker.with_name(f"{marker.name}.{os.getpid()}.tmp")
        tmp.write_text(tomlkit.dumps(document), encoding="utf-8")
        tmp.replace(marker)

    # ---- reset -----------------------------------------------------------------
    def reset(self, ex: Exercise) -> Path | None:
        """Restore the starter; the learner's copy is backed up first. Returns the backup."""
        path = self.path_for(ex)
        backup = None
        if path.is_file():
            self.backups_dir.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y%m%d-%H%M%S")
            backup = self.backups_dir / f"{ex.id}-{stamp}.py"
            n = 1
            while backup.exists():
                backup = self.backups_dir / f"{ex.id}-{stamp}-{n}.py"
                n += 1
            shutil.copy2(path, backup)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ex.starter, path)
        return backup

    def health(self, course: Course) -> list[str]:
        """Problems a learner should know about (empty when healthy)."""
        problems = []
        if not (self.root / MARKER).is_file():
            problems.append(f"{self.root}: missing {MARKER}")
        missing = [ex.id for ex in course.exercises() if not self.has_file(ex)]
        if missing:
            problems.append(
                f"{len(missing)} exercise file(s) not created yet (made on first use): "
                + ", ".join(missing[:6])
                + (" ..." if len(missing) > 6 else "")
            )
        return problems
