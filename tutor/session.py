"""One learner's session: course + workspace + progress, and the actions on them.

The CLI and the Textual app are two thin front ends over this class; neither
runs learner code itself (checks go through `tutor.runner`), and nothing here
imports Textual or torch.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tutor.course import Course, Exercise, Track, load_course
from tutor.errors import TutorError, UsageError
from tutor.progress import ExerciseProgress, PastCurve, ProgressStore
from tutor.protocol import CheckRequest, CheckResult, EventSink
from tutor.runner import WarmPool, run_check
from tutor.workspace import Workspace

DEVICES = ("auto", "cpu", "cuda")
MAX_SEED = 2**63 - 1  # SQLite INTEGER; NumPy takes it modulo 2^32, torch whole


def nvidia_visible() -> bool:
    """Is an NVIDIA driver/GPU visible, without importing torch (costs ~2 s)?"""
    if os.environ.get("CUDA_VISIBLE_DEVICES", None) in ("", "-1"):
        return False
    return Path("/proc/driver/nvidia/gpus").is_dir() and any(Path("/proc/driver/nvidia/gpus").iterdir())


@dataclass(frozen=True)
class Hint:
    level: int
    total: int
    text: str


class Session:
    def __init__(self, course: Course, workspace: Workspace, progress: ProgressStore) -> None:
        self.course = course
        self.workspace = workspace
        self.progress = progress

    @classmethod
    def open(cls, workspace_dir: Path | None = None, course: Course | None = None) -> Session:
        """Load the course, find (or create) the workspace, open its progress store."""
        course = course or load_course()
        if workspace_dir is not None:
            workspace, _ = (
                Workspace.init(workspace_dir, course)
                if not (workspace_dir / "dltutor.toml").is_file()
                else (Workspace(workspace_dir.resolve()), [])
            )
        else:
            workspace = Workspace.find()
            workspace.ensure(course)
        return cls(course, workspace, ProgressStore(workspace.progress_path))

    def close(self) -> None:
        self.progress.close()

    # ---- the workspace and the store, for front ends ----------------------------
    @property
    def root(self) -> Path:
        """The workspace folder (paths shown to the learner are relative to it)."""
        return self.workspace.root

    def on_store_notice(self, listener: Callable[[str], None]) -> None:
        """Hear each progress write that could not happen (busy, full disk, read-only), as it happens."""
        self.progress.on_notice = listener

    def export_progress(self) -> dict[str, Any]:
        """The `dltutor.progress/1` document (docs/protocol.md), with the track being followed."""
        return self.progress.export() | {"track": self.track.id}

    @property
    def created(self) -> bool:
        """Whether opening the session created the workspace (a first run)."""
        return self.workspace.created

    @property
    def warning(self) -> str | None:
        """Something the learner should know on opening (a damaged progress file moved aside)."""
        return self.progress.warning

    def path_for(self, ex: Exercise) -> Path:
        """Where the learner's copy of `ex` lives (it may not exist yet)."""
        return self.workspace.path_for(ex)

    def file_for(self, ex: Exercise) -> Path:
        """The learner's copy of `ex`, copying the starter in on first use."""
        return self.workspace.file_for(ex)

    def setting(self, key: str) -> str | None:
        """A front end's own remembered setting (e.g. the app's theme)."""
        return self.progress.meta(key)

    def save_setting(self, key: str, value: str) -> None:
        self.progress.set_meta(key, value)

    def has_passed(self, exercise_id: str) -> bool:
        return self.progress.has_passed(exercise_id)

    def last_result(self, exercise_id: str) -> CheckResult | None:
        """The newest check of the learner's own file, as stored (no curves, notes or output)."""
        attempt = self.progress.last_attempt(exercise_id)
        return None if attempt is None else attempt.result

    def past_curves(self, exercise_id: str, limit: int = 10) -> list[PastCurve]:
        return self.progress.curves(exercise_id, limit=limit)

    # ---- where the learner is -------------------------------------------------
    @property
    def track(self) -> Track:
        return self.course.tracks[self.workspace.track]

    def set_track(self, track_id: str) -> Track:
        self.workspace.set_track(track_id)
        return self.track

    def ordered_exercises(self) -> list[Exercise]:
        return [self.course.exercise(ex_id) for ex_id in self.track.order]

    def states(self) -> dict[str, ExerciseProgress]:
        summary = self.progress.summary()
        return {
            ex.id: summary.get(ex.id, ExerciseProgress(ex.id, 0, False, None, 0.0, 0)) for ex in self.course.exercises()
        }

    def next_exercise(self) -> Exercise | None:
        """The first exercise in the current track not yet passed."""
        states = self.states()
        return next((ex for ex in self.ordered_exercises() if not states[ex.id].passed), None)

    def resume_exercise(self) -> Exercise | None:
        """Where the learner left off: the last exercise opened, if any, else the next one."""
        last = self.progress.meta("last_exercise")
        if last:
            try:
                return self.course.exercise(last)
            except UsageError:
                pass
        return self.next_exercise()

    def remember(self, exercise_id: str) -> None:
        self.progress.set_meta("last_exercise", exercise_id)

    # ---- checking -------------------------------------------------------------
    def request_for(
        self,
        ex: Exercise,
        *,
        file: Path | None = None,
        seed: int | None = None,
        device: str = "auto",
        solution: bool = False,
    ) -> CheckRequest:
        if device not in DEVICES:
            raise UsageError(f"--device must be one of {', '.join(DEVICES)}, got {device!r}")
        if seed is not None and not 0 <= seed <= MAX_SEED:
            raise UsageError(f"--seed must be from 0 to {MAX_SEED}, got {seed}")
        if device == "cuda" and not nvidia_visible():
            raise UsageError(
                "--device cuda: no NVIDIA GPU is visible on this machine "
                "(no /proc/driver/nvidia/gpus); use --device cpu or auto"
            )
        if ex.device == "cuda" and device == "cpu":
            raise UsageError(f"{ex.id} needs a GPU; it cannot run with --device cpu")
        from tutor import requirements  # installed-package metadata: read only when a check is asked for

        absent = requirements.missing_message(ex)
        if absent:
            raise UsageError(absent)
        if solution:
            path = ex.solution
        elif file is not None:
            path = file.expanduser().resolve()
            if path.is_dir():
                raise UsageError(f"--file {file}: is a folder; give the exercise's .py file")
            if not path.is_file():
                raise UsageError(f"--file {file}: no such file")
        else:
            path = self.workspace.file_for(ex)
        return CheckRequest(
            exercise_id=ex.id,
            learner_path=str(path),
            checker_path=str(ex.checker),
            reference_path=str(ex.solution),
            seed=secrets.randbelow(2**31) if seed is None else seed,
            # A CPU exercise (torch only as a reference) runs on the CPU whatever --device says.
            device="cpu" if ex.device == "cpu" else device,
            uses_torch=ex.uses_torch,
            time_limit_s=ex.time_limit_s,
            memory_mb=ex.memory_mb,
            cache_dir=str(self.workspace.cache_dir),
            numpy_only=ex.numpy_only,
        )

    def check(
        self,
        exercise_id: str,
        *,
        file: Path | None = None,
        seed: int | None = None,
        device: str = "auto",
        solution: bool = False,
        sink: EventSink | None = None,
        pool: WarmPool | None = None,
        cancel: threading.Event | None = None,
        record: bool = True,
    ) -> CheckResult:
        """Run one check out of process and record it (a reference run is never recorded)."""
        ex = self.course.exercise(exercise_id)
        request = self.request_for(ex, file=file, seed=seed, device=device, solution=solution)
        result = run_check(request, sink=sink, pool=pool, cancel=cancel, cwd=str(self.workspace.root))
        if record and not solution and not result.usage_error and result.message != "cancelled":
            self.progress.record(result, source="workspace" if file is None else "file")
        return result

    # ---- help -------------------------------------------------------------------
    def hint(self, exercise_id: str) -> Hint:
        ex = self.course.exercise(exercise_id)
        level = self.progress.next_hint(ex.id, len(ex.hints))
        return Hint(level, len(ex.hints), ex.hints[level - 1])

    def hints_shown(self, exercise_id: str) -> list[str]:
        ex = self.course.exercise(exercise_id)
        return list(ex.hints[: self.progress.hint_level(ex.id)])

    def solution(self, exercise_id: str) -> str:
        ex = self.course.exercise(exercise_id)
        if not self.progress.has_passed(ex.id):
            raise TutorError(
                f"the reference solution for {ex.id} opens once your own code passes "
                f"`dltutor check {ex.id}`; `dltutor hint {ex.id}` gives the next hint.",
                title="not yet",
            )
        return ex.solution.read_text(encoding="utf-8")

    def reset(self, exercise_id: str) -> Path | None:
        return self.workspace.reset(self.course.exercise(exercise_id))
