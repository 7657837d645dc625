"""`dltutor validate [PATH]`: is a lesson pack sound, and does it prove it?

In order, stopping at the first kind that breaks:
  static   manifests load (errors name file:line), derivations hold, no stray files;
  runs     every starter fails, every reference passes (two seeds);
  proofs   every wrong solution fails naming its mistake, every right one passes (two seeds).
`--static` stops after the first, `--no-proofs` after the second. Exit 2 for a pack
that does not load or whose derivations are wrong; 1 when anything else is off; 0 when clean.
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tutor import derive, plots
from tutor.course import Course, Exercise, Stage, load_course
from tutor.errors import CourseError
from tutor.fences import plot_blocks
from tutor.progress import ProgressStore
from tutor.proofs import ProofCase, course_cases, judge, stray_files
from tutor.protocol import CheckResult
from tutor.report import Painter
from tutor.runner import WarmPool
from tutor.session import Session
from tutor.workspace import Workspace

SEEDS = (1234, 31337)  # every reference and right solution must pass on both


def course_root_of(path: Path | None) -> tuple[Path | None, str | None]:
    """(course root, only this stage id or None) from what the author pointed at."""
    if path is None:
        return None, None
    path = path.resolve()
    if (path / "stage.toml").is_file():
        return path.parent.parent, path.name
    if (path / "course.toml").is_file():
        return path.parent, None
    if (path / "lessons").is_dir():
        return path, None
    raise CourseError(f"{path}: not a course, lessons folder or stage folder")


def failure_text(result: CheckResult) -> str:
    """Everything a learner reads about why a check did not pass, in one string."""
    parts = [result.message] + [s.message for s in result.failed_steps()]
    return "\n".join(p for p in parts if p)


@dataclass
class Report:
    stages: list[str]
    exercises: int = 0
    derivations: int = 0
    plots: int = 0
    proofs: int = 0
    problems: list[dict] = field(default_factory=list)

    def problem(self, where: str, what: str) -> None:
        self.problems.append({"exercise": where, "problem": what})


class _Runner:
    """Checks files against an exercise in a throw-away workspace (nothing is recorded)."""

    def __init__(self, course: Course, tmp: str) -> None:
        self.session = Session(course, Workspace(Path(tmp)), ProgressStore(Path(tmp) / "progress.sqlite"))
        self.pool = WarmPool(cwd=tmp)

    def check(self, ex: Exercise, path: Path, seed: int):
        return self.session.check(ex.id, file=path, seed=seed, pool=self.pool, record=False)

    def close(self) -> None:
        self.pool.close()
        self.session.close()


def _static(course: Course, stages: list[Stage], report: Report) -> None:
    for stage in stages:
        for lesson in stage.lessons:
            try:
                report.derivations += len(derive.verify_file(lesson.path))
            except derive.DerivationError as exc:
                raise CourseError(str(exc)) from None
            for body, line in plot_blocks(lesson.path.read_text(encoding="utf-8")):
                try:
                    plots.parse(body, line)
                except plots.PlotError as exc:
                    raise CourseError(f"{lesson.path}:{str(exc).removeprefix('line ')}") from None
                report.plots += 1
    only = {stage.id for stage in stages}
    for stray in stray_files(course):
        if any(f"/{stage_id}/" in stray for stage_id in only):
            report.problem("(pack)", stray)


def _runs(run: _Runner, stages: list[Stage], report: Report, say) -> None:
    for stage in stages:
        for ex in stage.exercises:
            starter = run.check(ex, ex.starter, SEEDS[0])
            problems = []
            if starter.passed:
                problems.append("the starter passes its checks")
            duration = 0.0
            for seed in SEEDS:
                reference = run.check(ex, ex.solution, seed)
                duration = max(duration, reference.duration_s)
                if not reference.passed:
                    problems.append(f"the reference fails with seed {seed}: {failure_text(reference)[:300]}")
            for problem in problems:
                report.problem(ex.id, problem)
            say(
                not problems,
                f"{ex.id:<24} starter {starter.status:<5} reference "
                f"{'pass' if not problems else 'FAIL':<5} {duration:5.2f}s",
            )


def _proofs(run: _Runner, course: Course, stages: list[Stage], report: Report, say) -> None:
    only = {stage.id for stage in stages}
    cases: list[ProofCase] = [
        case
        for kind in ("wrong", "right")
        for case in course_cases(course, kind)
        if course.exercise(case.exercise_id).stage_id in only
    ]
    proven: dict[str, list[int]] = {}
    for case in cases:
        ex = course.exercise(case.exercise_id)
        problem = None
        for seed in SEEDS if case.kind == "right" else SEEDS[:1]:
            result = run.check(ex, case.path, seed)
            problem = judge(case, result.status, failure_text(result))
            if problem:
                report.problem(case.label, f"{case.kind} solution {case.path.name}: {problem}")
                break
        report.proofs += 1
        counts = proven.setdefault(ex.id, [0, 0])
        counts[0 if case.kind == "wrong" else 1] += 1
        if problem:
            say(False, f"{case.label:<40} {case.kind}: {problem[:120]}")
    for stage in stages:
        for ex in stage.exercises:
            wrong, right = proven.get(ex.id, [0, 0])
            say(True, f"{ex.id:<24} {wrong} wrong, {right} right solution(s)", quiet=True)
            if wrong == 0:
                report.problem(
                    ex.id, f"no wrong solutions: add some under {stage.path.name}/wrong/{ex.id}/ (see AUTHORING.md)"
                )


def validate(path: Path | None, as_json: bool = False, *, runs: bool = True, proofs: bool = True) -> int:
    root, only_stage = course_root_of(path)
    course: Course = load_course(root)
    paint = Painter()
    stages = [s for s in course.stages if only_stage is None or s.id == only_stage]
    report = Report(stages=[s.id for s in stages], exercises=sum(len(s.exercises) for s in stages))

    def say(ok: bool, text: str, quiet: bool = False) -> None:
        if not as_json and not quiet:
            print(f"{paint('✓', 'green') if ok else paint('✗', 'red')} {text}", flush=True)

    _static(course, stages, report)
    if runs:
        with tempfile.TemporaryDirectory(prefix="dltutor-validate-") as tmp:
            run = _Runner(course, tmp)
            try:
                _runs(run, stages, report, say)
                if proofs:
                    _proofs(run, course, stages, report, say)
            finally:
                run.close()
    if as_json:
        json.dump(
            {
                "stages": report.stages,
                "exercises": report.exercises,
                "derivations": report.derivations,
                "plots": report.plots,
                "proofs": report.proofs,
                "problems": report.problems,
            },
            sys.stdout,
            indent=2,
        )
        print()
    else:
        for problem in report.problems:
            print(f"problem: {problem['exercise']}: {problem['problem']}")
        print(
            f"{len(stages)} stage(s), {report.exercises} exercise(s), {report.derivations} derivation(s) "
            f"verified, {report.plots} plot(s) drawn, {report.proofs} wrong/right solution(s) run; {len(report.problems)} problem(s)"
        )
    return 0 if not report.problems else 1
