"""The course model: stages, lessons and exercises, loaded from TOML manifests.

Layout (content is data, next to nothing clever):

    lessons/course.toml               format_version, tracks
    lessons/NN-slug/stage.toml        the stage manifest
    lessons/NN-slug/*.md              lessons
    lessons/NN-slug/checks/<id>.py    checkers (define `check(t)`)
    lessons/NN-slug/solutions/<id>.py reference solutions
    exercises/NN-slug/<id>.py         starters the learner edits

Every loader error names the file and, where it can be found, the line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from packaging.requirements import Requirement

from tutor.errors import CourseError

FORMAT_VERSION = 1
BUILTIN_PACK = "dltutor"
PACK_ENTRY_POINTS = "dltutor.packs"  # group under which an installed package offers a lesson pack
TRACKS = ("bottom-up", "top-down")
DEVICE_NEEDS = ("cpu", "any", "cuda")
MAX_MEMORY_MB = 65536  # beyond this a memory_mb is a typo, not an exercise

_STAGE_KEYS = {"format_version", "title", "summary", "lesson", "exercise"}
_LESSON_KEYS = {"id", "title", "file"}
_EXERCISE_KEYS = {
    "id",
    "title",
    "lesson",
    "task",
    "starter",
    "checker",
    "solution",
    "hints",
    "time_limit_s",
    "memory_mb",
    "device",
    "torch",
    "kind",
    "requires",
    "numpy_only",
}
# A requirement is a distribution name with an optional version bound, as pip takes it.
_STAGE_DIR = re.compile(r"^(\d\d)-([a-z0-9-]+)$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def parse_requirement(text: str) -> Requirement | None:
    """The parsed requirement (PEP 508, as pip reads it), or None when it is not one."""
    from packaging.requirements import InvalidRequirement, Requirement  # 26 ms: not on every start-up

    try:
        return Requirement(text)
    except InvalidRequirement:
        return None


# What manifests write almost always: a name, maybe with bounds of plain release numbers
# ("gymnasium>=1.0", "onnxruntime"). Read here without `packaging`; anything else goes to it.
_PLAIN_REQUIREMENT = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
    r"(?:\s*(?:==|!=|<=|>=|<|>)\s*\d+(?:\.\d+)*(?:\s*,\s*(?:==|!=|<=|>=|<|>)\s*\d+(?:\.\d+)*)*)?"
)


def _is_requirement(text: str) -> bool:
    """A requirement a manifest may name: pip would read it, and it has no URL or environment marker."""
    if _PLAIN_REQUIREMENT.fullmatch(text):
        return True
    parsed = parse_requirement(text)
    return parsed is not None and parsed.url is None and parsed.marker is None


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    path: Path
    stage_id: str


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    stage_id: str
    task: str
    starter: Path  # the shipped starter (absolute)
    starter_rel: Path  # relative to the exercises/ root: where it lives in a workspace
    checker: Path
    solution: Path
    hints: tuple[str, ...]
    time_limit_s: float
    memory_mb: int
    device: str  # "cpu": NumPy only; "any": follows --device; "cuda": needs a GPU
    uses_torch: bool
    lesson_id: str | None
    kind: str  # "code" or "symbolic": what the learner writes
    # Packages beyond the base install (e.g. "gymnasium>=1.0"), as pip takes them; the
    # `frontier` extra installs them all. A missing one is named before the check runs.
    requires: tuple[str, ...] = ()
    # The task says "NumPy only": the runner rejects torch/JAX/TensorFlow/autograd in the learner's file.
    numpy_only: bool = False


@dataclass(frozen=True)
class Stage:
    id: str  # the folder name, e.g. "02-neural-networks"
    number: int
    title: str
    summary: str
    path: Path
    lessons: tuple[Lesson, ...]
    exercises: tuple[Exercise, ...]
    pack: str = BUILTIN_PACK  # which pack it came from: the built-in course or an installed one


@dataclass(frozen=True)
class Track:
    id: str
    title: str
    description: str
    order: tuple[str, ...]  # exercise ids
    # The track's own path, when it has one: (why this part comes here, its exercise ids),
    # in order; exercises after the last part follow in stage order.
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def why(self, exercise_id: str) -> str | None:
        """Why an exercise comes where it does on this track (None: plain stage order)."""
        return next((why for why, ids in self.sections if exercise_id in ids), None)


@dataclass(frozen=True)
class Course:
    title: str
    root: Path
    stages: tuple[Stage, ...]
    tracks: dict[str, Track] = field(default_factory=dict)
    # Installed packs that could not be loaded: said by the CLI and `doctor`, never fatal,
    # so one broken third-party package cannot lock a learner out of the course.
    warnings: tuple[str, ...] = ()

    def exercises(self) -> list[Exercise]:
        return [ex for stage in self.stages for ex in stage.exercises]

    def exercise(self, exercise_id: str) -> Exercise:
        for ex in self.exercises():
            if ex.id == exercise_id:
                return ex
        import difflib

        from tutor.errors import UsageError

        ids = [ex.id for ex in self.exercises()]
        close = difflib.get_close_matches(exercise_id, ids, n=3, cutoff=0.6)
        close += [i for i in ids if exercise_id and exercise_id.lower() in i and i not in close][: 3 - len(close)]
        if close:
            raise UsageError(f"unknown exercise {exercise_id!r}; did you mean {' or '.join(close)}?")
        raise UsageError(f"unknown exercise {exercise_id!r}; `dltutor list` shows the {len(ids)} exercises")

    def stage(self, stage_id: str) -> Stage:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    def lesson(self, lesson_id: str) -> Lesson | None:
        for stage in self.stages:
            for lesson in stage.lessons:
                if lesson.id == lesson_id:
                    return lesson
        return None

    def exercises_for_lesson(self, lesson_id: str) -> list[Exercise]:
        return [ex for ex in self.exercises() if ex.lesson_id == lesson_id]


@dataclass(frozen=True)
class _TableSpan:
    """One `[[table]]` of a manifest's text: errors about it point at lines inside it."""

    text: str
    start: int
    end: int


# Where an error may point: a whole manifest, or one table of it.
_Located = str | _TableSpan


def _line_of(text: _Located, *needles: str) -> int | None:
    """1-based line (in the whole file) of the first needle found, so errors can point at it."""
    whole, start, end = (text.text, text.start, text.end) if isinstance(text, _TableSpan) else (text, 0, len(text))
    for needle in needles:
        index = whole.find(needle, start, end)
        if index >= 0:
            return whole.count("\n", 0, index) + 1
    return None


def _where(path: Path, text: _Located, *needles: str) -> str:
    line = _line_of(text, *needles) if needles else None
    return f"{path}:{line}" if line else str(path)


def _read_toml(path: Path) -> tuple[dict, str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CourseError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CourseError(
            f"{path}:{line}: not UTF-8 text (byte {raw[exc.start]:#04x}); save the manifest as UTF-8"
        ) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message ends with "(at line L, column C)".
        match = re.search(r"at line (\d+)", str(exc))
        where = f"{path}:{match.group(1)}" if match else str(path)
        raise CourseError(f"{where}: invalid TOML: {exc}") from exc


_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.M)


def _table_texts(text: str, name: str) -> list[_TableSpan]:
    """Where each `[[name]]` table lies in the manifest text.

    Errors about the second exercise then point at the second exercise's line,
    not at the first line in the file with the same key. Only positions are kept:
    the loader runs at every start-up and almost never reports an error.
    """
    header = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(name)}[ \t]*\]\]", re.M)
    spans = []
    for match in header.finditer(text):
        following = _TABLE_HEADER.search(text, match.start() + 1)
        spans.append(_TableSpan(text, match.start(), following.start() if following else len(text)))
    return spans


def _tables(data: dict, key: str, path: Path, text: str) -> list[tuple[dict, _Located]]:
    """`[[key]]` tables with the text to locate each one's errors in; any other shape is an error."""
    value = data.get(key, [])
    if isinstance(value, dict):
        raise CourseError(
            f"{_where(path, text, f'[{key}]', key)}: {key!r} must be an array of tables, "
            f"written [[{key}]] (double brackets), one per {key}"
        )
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        got = (
            type(value).__name__
            if not isinstance(value, list)
            else "a list of " + ", ".join(sorted({type(item).__name__ for item in value if not isinstance(item, dict)}))
        )
        raise CourseError(f"{_where(path, text, f'{key} =', key)}: {key!r} must be [[{key}]] tables, got {got}")
    texts: list[_Located] = list(_table_texts(text, key))
    if len(texts) != len(value):  # tables its headers cannot tell apart (inline tables): the whole file
        texts = [text] * len(value)
    return list(zip(value, texts, strict=True))


def _inside(file: Path, folder: Path) -> bool:
    # A name without ".." that passes through no symbolic link cannot leave its folder; only the
    # others pay for resolve() (an lstat per path component, 249 files at every start-up).
    relative = file.relative_to(folder) if file.is_relative_to(folder) else None
    if relative is not None and ".." not in relative.parts and not _links_below(folder, relative):
        return True
    return file.resolve().is_relative_to(folder.resolve())


def _links_below(folder: Path, relative: Path) -> bool:
    """Whether any component of folder/relative below `folder` is a symbolic link."""
    here = folder
    for part in relative.parts:
        here = here / part
        if here.is_symlink():
            return True
    return False


def _require(table: dict, key: str, kind: type, path: Path, text: _Located, anchor: str) -> Any:
    if key not in table:
        raise CourseError(f"{_where(path, text, anchor)}: missing required key {key!r}")
    value = table[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise CourseError(
            f"{_where(path, text, f'{key} =', anchor)}: {key!r} must be {kind.__name__}, got {type(value).__name__}"
        )
    return value


def _unknown_keys(table: dict, allowed: set[str], path: Path, text: _Located, what: str) -> None:
    for key in table:
        if key not in allowed:
            raise CourseError(
                f"{_where(path, text, f'{key} =', key)}: unknown key {key!r} in {what} "
                f"(allowed: {', '.join(sorted(allowed))})"
            )


def _load_exercise(
    table: dict,
    stage_dir: Path,
    stage_id: str,
    exercises_root: Path,
    lesson_ids: set[str],
    path: Path,
    text: _Located,
) -> Exercise:
    # One error at a time, in this order: the first bad key is the one the author is told about.
    ex_id = _require(table, "id", str, path, text, "[[exercise]]")
    anchor = f'id = "{ex_id}"'
    _unknown_keys(table, _EXERCISE_KEYS, path, text, f"exercise {ex_id!r}")
    if not _ID.match(ex_id):
        raise CourseError(f"{_where(path, text, anchor)}: exercise id {ex_id!r} must be snake_case")
    title = _require(table, "title", str, path, text, anchor)
    task = str(table.get("task", "")).strip()
    hints = _exercise_hints(table, ex_id, path, text, anchor)
    files = _exercise_files(table, ex_id, stage_dir, exercises_root / stage_id, path, text, anchor)
    starter, checker, solution = files["starter"], files["checker"], files["solution"]
    starter_rel = starter.relative_to(exercises_root)
    time_limit, memory_mb = _exercise_limits(table, path, text, anchor)
    uses_torch, device = _exercise_device(table, path, text, anchor)
    lesson_id = table.get("lesson")
    if lesson_id is not None and lesson_id not in lesson_ids:
        raise CourseError(f"{_where(path, text, anchor)}: exercise {ex_id!r} names unknown lesson {lesson_id!r}")
    kind = table.get("kind", "code")
    if kind not in ("code", "symbolic"):
        raise CourseError(f"{_where(path, text, 'kind =', anchor)}: kind must be 'code' or 'symbolic'")
    requires = _exercise_requirements(table, path, text, anchor)
    numpy_only = table.get("numpy_only", False)
    if not isinstance(numpy_only, bool):
        raise CourseError(f"{_where(path, text, 'numpy_only', anchor)}: numpy_only must be true or false")
    return Exercise(
        id=ex_id,
        title=title,
        stage_id=stage_id,
        task=task,
        starter=starter,
        starter_rel=starter_rel,
        checker=checker,
        solution=solution,
        hints=tuple(hints),
        time_limit_s=float(time_limit),
        memory_mb=memory_mb,
        device=device,
        uses_torch=uses_torch,
        lesson_id=lesson_id,
        kind=kind,
        requires=requires,
        numpy_only=numpy_only,
    )


def _exercise_hints(table: dict, ex_id: str, path: Path, text: _Located, anchor: str) -> list[str]:
    """The hint levels: at least two, so a learner can ask for a nudge before the near-answer."""
    hints = table.get("hints", [])
    if not isinstance(hints, list) or len(hints) < 2 or not all(isinstance(h, str) for h in hints):
        raise CourseError(
            f"{_where(path, text, 'hints', anchor)}: exercise {ex_id!r} needs "
            "at least two hint levels (a list of strings)"
        )
    return hints


def _exercise_files(
    table: dict, ex_id: str, stage_dir: Path, starter_dir: Path, path: Path, text: _Located, anchor: str
) -> dict[str, Path]:
    """The starter, checker and solution paths: each must exist and stay inside its folder of the pack."""
    files = {}
    for label, folder, default in (
        ("starter", starter_dir, f"{ex_id}.py"),
        ("checker", stage_dir, f"checks/{ex_id}.py"),
        ("solution", stage_dir, f"solutions/{ex_id}.py"),
    ):
        name = table.get(label, default)
        problem = _file_problem(label, name, folder, ex_id)
        if problem:  # the manifest line is looked up only now: start-up loads every pack file
            raise CourseError(f"{_where(path, text, f'{label} =', anchor)}: {problem}")
        files[label] = folder / name
    return files


def _file_problem(label: str, name: Any, folder: Path, ex_id: str) -> str | None:
    """Why the manifest's `label = name` is not a file inside `folder`, or None."""
    if not isinstance(name, str):
        return f"{label!r} must be a path (a string), got {type(name).__name__}"
    file = folder / name
    if not _inside(file, folder):
        return f"{label!r} {name!r} points outside the pack ({folder})"
    if not file.is_file():
        return f"{label} for {ex_id!r} not found: {file}"
    return None


def _exercise_limits(table: dict, path: Path, text: _Located, anchor: str) -> tuple[int | float, int]:
    """The run's time limit (s) and memory limit (MB); bools are refused (Python counts True as 1)."""
    time_limit = table.get("time_limit_s", 10)
    if isinstance(time_limit, bool) or not isinstance(time_limit, int | float) or not 0 < time_limit <= 600:
        raise CourseError(
            f"{_where(path, text, 'time_limit_s', anchor)}: time_limit_s must be a "
            f"number of seconds in (0, 600], got {time_limit!r}"
        )
    memory_mb = table.get("memory_mb", 2048)
    if isinstance(memory_mb, bool) or not isinstance(memory_mb, int) or not 64 <= memory_mb <= MAX_MEMORY_MB:
        raise CourseError(
            f"{_where(path, text, 'memory_mb', anchor)}: 'memory_mb' must be a whole number "
            f"of MB from 64 to {MAX_MEMORY_MB}, got {memory_mb!r}"
        )
    return time_limit, memory_mb


def _exercise_device(table: dict, path: Path, text: _Located, anchor: str) -> tuple[bool, str]:
    """Whether the exercise uses torch (by default: any device but "cpu" does) and the device it needs."""
    uses_torch = table.get("torch", table.get("device", "cpu") != "cpu")
    if not isinstance(uses_torch, bool):
        raise CourseError(f"{_where(path, text, 'torch =', anchor)}: 'torch' must be true or false, got {uses_torch!r}")
    device = table.get("device", "cpu")
    if device not in DEVICE_NEEDS:
        raise CourseError(f"{_where(path, text, 'device =', anchor)}: device must be one of {DEVICE_NEEDS}")
    return uses_torch, device


def _exercise_requirements(table: dict, path: Path, text: _Located, anchor: str) -> tuple[str, ...]:
    """The pip requirements beyond the base install, each checked to parse as one."""
    requires = table.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(r, str) and _is_requirement(r.strip()) for r in requires):
        raise CourseError(
            f"{_where(path, text, 'requires', anchor)}: requires must be a list of "
            'package requirements such as "gymnasium>=1.0"'
        )
    return tuple(r.strip() for r in requires)


def load_stage(stage_dir: Path, exercises_root: Path) -> Stage:
    match = _STAGE_DIR.match(stage_dir.name)
    if not match:
        raise CourseError(f"{stage_dir}: stage folders are named NN-slug, e.g. 02-neural-networks")
    path = stage_dir / "stage.toml"
    data, text = _read_toml(path)
    _unknown_keys(data, _STAGE_KEYS, path, text, "the stage manifest")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise CourseError(
            f"{_where(path, text, 'format_version')}: format_version must be {FORMAT_VERSION}, got {version!r}"
        )
    title = _require(data, "title", str, path, text, "title")
    lessons = []
    for table, table_text in _tables(data, "lesson", path, text):
        # errors point into this lesson's own table
        _unknown_keys(table, _LESSON_KEYS, path, table_text, "a lesson")
        lesson_id = _require(table, "id", str, path, table_text, "[[lesson]]")
        anchor = f'id = "{lesson_id}"'
        lesson_path = stage_dir / str(_require(table, "file", str, path, table_text, anchor))
        if not lesson_path.is_file():
            raise CourseError(f"{_where(path, table_text, anchor)}: lesson file not found: {lesson_path}")
        lessons.append(
            Lesson(lesson_id, str(_require(table, "title", str, path, table_text, anchor)), lesson_path, stage_dir.name)
        )
    lesson_ids = {lesson.id for lesson in lessons}
    exercises = [
        _load_exercise(table, stage_dir, stage_dir.name, exercises_root, lesson_ids, path, table_text)
        for table, table_text in _tables(data, "exercise", path, text)
    ]
    seen: set[str] = set()
    for ex in exercises:
        if ex.id in seen:
            where = _where(path, text, f'id = "{ex.id}"')
            raise CourseError(f"{where}: duplicate exercise id {ex.id!r}")
        seen.add(ex.id)
    return Stage(
        id=stage_dir.name,
        number=int(match.group(1)),
        title=title,
        summary=str(data.get("summary", "")).strip(),
        path=stage_dir,
        lessons=tuple(lessons),
        exercises=tuple(exercises),
    )


def _track_sections(
    table: Any, track_id: str, known: set[str], path: Path, text: _Located
) -> list[tuple[str, tuple[str, ...]]]:
    """A track's path: `[[tracks.ID.path]]` parts (why + exercises), or a plain `lead` list."""
    if not isinstance(table, dict):
        raise CourseError(f"{_where(path, text, f'[tracks.{track_id}]')}: tracks.{track_id} must be a table")
    parts = table.get("path")
    if parts is None:
        parts = [{"why": "", "exercises": table.get("lead", [])}]
    if not isinstance(parts, list) or not all(isinstance(part, dict) for part in parts):
        raise CourseError(
            f"{_where(path, text, f'[[tracks.{track_id}.path]]')}: tracks.{track_id}.path "
            "must be an array of tables ([[tracks.ID.path]])"
        )
    sections: list[tuple[str, tuple[str, ...]]] = []
    seen: set[str] = set()
    for part in parts:
        why, ids = part.get("why", ""), part.get("exercises", [])
        if not isinstance(why, str) or not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise CourseError(
                f"{_where(path, text, 'exercises =', 'lead =')}: each part of track "
                f'{track_id!r} needs why = "..." and exercises = [ids]'
            )
        for ex_id in ids:
            where = _where(path, text, f'"{ex_id}"')
            if ex_id not in known:
                raise CourseError(f"{where}: track {track_id!r} names unknown exercise {ex_id!r}")
            if ex_id in seen:
                raise CourseError(f"{where}: track {track_id!r} lists {ex_id!r} twice")
            seen.add(ex_id)
        sections.append((why.strip(), tuple(ids)))
    return sections


def _load_tracks(lessons_root: Path, stages: list[Stage]) -> tuple[str, dict[str, Track]]:
    path = lessons_root / "course.toml"
    data, text = _read_toml(path)
    if data.get("format_version") != FORMAT_VERSION:
        raise CourseError(f"{_where(path, text, 'format_version')}: format_version must be {FORMAT_VERSION}")
    natural = [ex.id for stage in stages for ex in stage.exercises]
    known = set(natural)
    tracks: dict[str, Track] = {}
    tables = data.get("tracks", {})
    if not isinstance(tables, dict):
        raise CourseError(
            f"{_where(path, text, 'tracks =', 'tracks')}: 'tracks' must be tables "
            f"([tracks.bottom-up], [tracks.top-down]), got {type(tables).__name__}"
        )
    for track_id in TRACKS:
        table = tables.get(track_id)
        if table is None:
            raise CourseError(f"{path}: missing [tracks.{track_id}]")
        if not isinstance(table, dict):
            raise CourseError(
                f"{_where(path, text, track_id)}: 'tracks.{track_id}' must be a table, got {type(table).__name__}"
            )
        sections = _track_sections(table, track_id, known, path, text)
        lead = [ex_id for _, ids in sections for ex_id in ids]
        # A track fixes the first exercises; the rest follow in stage order, so a
        # new stage joins every track without editing this file.
        order = lead + [ex_id for ex_id in natural if ex_id not in lead]
        tracks[track_id] = Track(
            track_id,
            str(table.get("title", track_id)),
            str(table.get("description", "")).strip(),
            tuple(order),
            tuple(sections),
        )
    return str(data.get("title", "dltutor")), tracks


def pack_stages(pack_root: Path, pack: str = BUILTIN_PACK) -> list[Stage]:
    """The stages of one pack: `pack_root/lessons/NN-slug/` with starters in `pack_root/exercises/`."""
    lessons_root = pack_root / "lessons"
    if not lessons_root.is_dir():
        raise CourseError(f"{lessons_root}: no lessons folder")
    stage_dirs = sorted(p for p in lessons_root.iterdir() if p.is_dir() and (p / "stage.toml").is_file())
    stages = [load_stage(stage_dir, pack_root / "exercises") for stage_dir in stage_dirs]
    return [replace(stage, pack=pack) for stage in stages]


def _pack_root(value: Any) -> Path:
    """What an entry point names: a folder path, a module (its folder), or a callable giving either."""
    if callable(value) and not isinstance(value, type):
        value = value()
    if isinstance(value, str | Path):
        return Path(value).expanduser().resolve()
    file = getattr(value, "__file__", None)
    if file:
        return Path(file).resolve().parent
    raise CourseError(
        f"a dltutor pack entry point must name a folder, a module or a function "
        f"returning a folder; got {type(value).__name__}"
    )


def installed_packs() -> tuple[list[Stage], list[str]]:
    """Stages offered by installed packages (entry point group `dltutor.packs`), and load problems."""
    from importlib.metadata import entry_points

    stages: list[Stage] = []
    problems: list[str] = []
    for ep in sorted(entry_points(group=PACK_ENTRY_POINTS), key=lambda ep: ep.name):
        try:
            stages.extend(pack_stages(_pack_root(ep.load()), pack=ep.name))
        except Exception as exc:  # noqa: BLE001 - a third-party pack may fail in any way; say which
            problems.append(f"lesson pack {ep.name!r} ({ep.value}) was not loaded: {exc}")
    return stages, problems


def _merge_packs(stages: list[Stage], extra: list[Stage], problems: list[str]) -> list[Stage]:
    """Add installed packs' stages unless a stage or exercise id would clash with one already loaded."""
    stage_ids = {stage.id for stage in stages}
    exercise_ids = {ex.id for stage in stages for ex in stage.exercises}
    merged = list(stages)
    for stage in extra:
        clash = (
            stage.id
            if stage.id in stage_ids
            else next((ex.id for ex in stage.exercises if ex.id in exercise_ids), None)
        )
        if clash:
            problems.append(
                f"lesson pack {stage.pack!r}: stage {stage.id} skipped, {clash!r} is already used by the course"
            )
            continue
        merged.append(stage)
        stage_ids.add(stage.id)
        exercise_ids.update(ex.id for ex in stage.exercises)
    return sorted(merged, key=lambda stage: (stage.number, stage.id))


def load_course(root: Path | None = None, *, packs: bool | None = None) -> Course:
    """Load every stage under `root/lessons` (default: the shipped course).

    Installed lesson packs join the shipped course (`packs=None` means: only when
    `root` is the default); an explicit `root` is an author's pack, loaded alone.
    """
    from tutor import paths

    # Resolved: checker and solution paths are handed to a child that runs in the workspace.
    course_root = (root if root is not None else paths.course_root()).resolve()
    stages = pack_stages(course_root)
    all_ids: dict[str, str] = {}
    for stage in stages:
        for ex in stage.exercises:
            if ex.id in all_ids:
                raise CourseError(
                    f"{stage.path / 'stage.toml'}: exercise id {ex.id!r} is also used in stage {all_ids[ex.id]}"
                )
            all_ids[ex.id] = stage.id
    problems: list[str] = []
    if packs if packs is not None else root is None:
        extra, problems = installed_packs()
        stages = _merge_packs(stages, extra, problems)
    title, tracks = _load_tracks(course_root / "lessons", stages)
    return Course(title=title, root=course_root, stages=tuple(stages), tracks=tracks, warnings=tuple(problems))
