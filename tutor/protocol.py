"""The check protocol: what a check is asked, what it reports, what a result holds.

One neutral module the runner, the progress store, the CLI report and the
app all depend on (it imports nothing of theirs). Values are typed here and
parsed once, where they enter: the supervisor parses the child's JSON lines,
the progress store parses its rows; everything downstream reads attributes.

The child speaks JSON lines on a dedicated pipe (never stdout, which the
learner's prints share): `ready`, `step`, `curve`, `target`, `note`,
`verdict`. Every line carries the child's pid, so a process the learner
forked cannot speak for the check. docs/protocol.md describes the wire
format and the versioned `--json` documents built from these types.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Literal, TypeAlias

# The versions of the JSON documents front ends print. A reader checks the part before
# the slash; the number after it grows only by adding fields (see docs/protocol.md).
CHECK_SCHEMA = "dltutor.check/1"  # `dltutor check ID --json`: one CheckResult
CHECK_ALL_SCHEMA = "dltutor.check-all/1"  # `dltutor check --all --json`: a summary and every result
PROGRESS_SCHEMA = "dltutor.progress/1"  # `dltutor progress --json`

Json: TypeAlias = "None | bool | int | float | str | list[Json] | dict[str, Json]"


class Status(StrEnum):
    """A step's or a check's outcome. `error`: the learner's code never reached the checks."""

    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"

    @classmethod
    def parse(cls, value: object) -> Status:
        """Anything unknown is an error, never a pass."""
        try:
            return cls(str(value))
        except ValueError:
            return cls.ERROR


class StepKind(StrEnum):
    """What a step checked; the UI groups and draws evidence by it."""

    SHAPE = "shape"
    VALUE = "value"
    GRADIENT = "gradient"
    CONVERGENCE = "convergence"
    SYMBOLIC = "symbolic"
    PROPERTY = "property"
    RUN = "run"

    @classmethod
    def parse(cls, value: object) -> StepKind:
        try:
            return cls(str(value))
        except ValueError:
            return cls.RUN


# ---- coercion: garbage in a field becomes "absent", never an exception ----------------
def _float(value: object) -> float | None:
    """A number; non-finite values travel as strings ("nan", "inf") and come back as floats."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _int(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() else None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _wire_float(value: float) -> float | str:
    """JSON has no NaN or inf: they travel as strings."""
    return value if math.isfinite(value) else str(value)


def _index(value: object) -> tuple[int, ...] | None:
    if not isinstance(value, list | tuple):
        return None
    items = [_int(v) for v in value]
    return None if any(i is None for i in items) else tuple(i for i in items if i is not None)


@dataclass(frozen=True)
class GradientElement:
    """One of the elements where a gradient is most wrong (`Details.worst`)."""

    index: tuple[int, ...]
    analytic: float  # the learner's value
    numeric: float  # central differences
    error: float  # |analytic - numeric|

    @classmethod
    def from_json(cls, data: object) -> GradientElement | None:
        if not isinstance(data, Mapping):
            return None
        index = _index(data.get("index"))
        analytic, numeric = _float(data.get("analytic")), _float(data.get("numeric"))
        if index is None or analytic is None or numeric is None:
            return None
        error = _float(data.get("error"))
        return cls(index, analytic, numeric, abs(analytic - numeric) if error is None else error)

    def to_json(self) -> dict[str, Json]:
        return {
            "index": list(self.index),
            "analytic": _wire_float(self.analytic),
            "numeric": _wire_float(self.numeric),
            "error": _wire_float(self.error),
        }


@dataclass(frozen=True)
class ArrayPicture:
    """A 2-D slice of a mismatching array, expected beside got (`Details.picture`).

    Front ends draw it as heat maps on one scale with the differing cells marked,
    which says more than "first mismatch at (3, 4)" for feature maps, attention
    weights and confusion matrices. `where` is the index of the slice in the
    leading axes (empty for a 2-D array). Non-finite values travel as null.
    """

    expected: tuple[tuple[float, ...], ...]
    got: tuple[tuple[float, ...], ...]
    differs: tuple[tuple[bool, ...], ...]
    where: tuple[int, ...] = ()

    @classmethod
    def from_json(cls, data: object) -> ArrayPicture | None:
        if not isinstance(data, Mapping):
            return None
        grids = [_grid(data.get(key)) for key in ("expected", "got", "differs")]
        where = _index(data.get("where", []))
        expected, got, differs = grids
        if expected is None or got is None or differs is None or where is None:
            return None
        shape = (len(expected), len(expected[0]) if expected else 0)
        if any((len(g), len(g[0]) if g else 0) != shape for g in (got, differs)):
            return None

        def floats(grid: list[list[object]]) -> tuple[tuple[float, ...], ...]:
            return tuple(tuple(math.nan if v is None else _float(v) or 0.0 for v in row) for row in grid)

        return cls(floats(expected), floats(got), tuple(tuple(bool(v) for v in row) for row in differs), where)

    def to_json(self) -> dict[str, Json]:
        def wire(grid: tuple[tuple[float, ...], ...]) -> list[Json]:
            return [[float(f"{v:.4g}") if math.isfinite(v) else None for v in row] for row in grid]

        return {
            "expected": wire(self.expected),
            "got": wire(self.got),
            "differs": [list(row) for row in self.differs],
            "where": list(self.where),
        }


def _grid(value: object) -> list[list[object]] | None:
    """A rectangular list of rows of numbers/bools/null, or None."""
    if not isinstance(value, list) or not all(isinstance(row, list) for row in value):
        return None
    if value and any(len(row) != len(value[0]) for row in value):
        return None
    ok = all(v is None or isinstance(v, int | float) for row in value for v in row)
    return value if ok else None


@dataclass(frozen=True)
class Details:
    """The evidence a step (or an error verdict) carries. Every field is optional.

    The keys the checker library and the runner write are typed fields; a
    lesson checker's own keys (`t.fail(..., layer=2)`) are kept, untyped, in
    `extra`. A known key whose value has the wrong type moves to `extra` too,
    so parsing never fails and nothing is lost.
    """

    # values and shapes (t.expect_array / expect_shape / expect_scalar / symbolic): previews
    expected: Json = None  # what was expected: a number, a shape as a list, an expression
    got: Json = None  # what the learner's code gave, in the same form
    index: tuple[int, ...] | None = None  # first mismatching element
    mismatches: int | None = None  # how many elements differ ...
    total: int | None = None  # ... out of how many
    max_abs_error: float | None = None
    # gradients (t.expect_gradient / expect_torch_gradcheck)
    relative_error: float | None = None  # ‖g−ĝ‖/(‖g‖+‖ĝ‖)
    worst: tuple[GradientElement, ...] = ()  # where the gradient is most wrong, worst first
    # convergence (t.converge)
    nan_step: int | None = None  # the training step where the metric became NaN/inf
    diverged_step: int | None = None  # the step where the loss blew up
    curve_tail: tuple[float, ...] = ()  # the last values before it did
    judged: float | None = None  # the metric judged against the target
    target: float | None = None
    steps_run: int | None = None
    first: float | None = None  # the metric at the first and last step
    last: float | None = None
    # learner code that raised (t.call, an import that failed)
    traceback: str | None = None  # trimmed to the learner's own frames
    file: str | None = None  # a syntax error's file and line
    line: int | None = None
    # properties (t.expect_property), gradcheck
    trial: int | None = None  # which random input broke the property
    input: int | str | None = None  # that input's preview, or the failing input's position
    picture: ArrayPicture | None = None  # a 2-D mismatch, expected beside got (t.expect_close)
    # the integrity snapshot
    patched: tuple[str, ...] = ()  # library functions the learner's code replaced
    extra: Mapping[str, Json] = field(default_factory=dict)

    _FLOATS: ClassVar[tuple[str, ...]] = ("max_abs_error", "relative_error", "judged", "target", "first", "last")
    _INTS: ClassVar[tuple[str, ...]] = (
        "mismatches",
        "total",
        "nan_step",
        "diverged_step",
        "steps_run",
        "line",
        "trial",
    )
    _STRS: ClassVar[tuple[str, ...]] = ("traceback", "file")

    @classmethod
    def from_json(cls, data: object) -> Details:
        if not isinstance(data, Mapping):
            return cls()
        known: dict[str, Any] = {}
        extra: dict[str, Json] = {}
        for key, value in data.items():
            if value is None and str(key) in cls.__dataclass_fields__:
                continue  # a known key that is absent
            parsed = cls._parse_field(str(key), value)
            if parsed is _UNKNOWN:
                extra[str(key)] = value
            else:
                known[str(key)] = parsed
        return cls(**known, extra=extra)

    @classmethod
    def _parse_field(cls, key: str, value: Any) -> Any:
        """The typed value of a known key, or _UNKNOWN (unknown key, or a value of another type)."""
        parsed: Any = _UNKNOWN
        if key in ("expected", "got"):
            parsed = value
        elif key in cls._FLOATS:
            parsed = _float(value)
        elif key in cls._INTS:
            parsed = _int(value)
        elif key in cls._STRS:
            parsed = _str(value)
        elif key == "index":
            parsed = _index(value)
        elif key == "input":
            parsed = value if isinstance(value, str) else _int(value)
        elif key == "worst" and isinstance(value, list):
            rows = [GradientElement.from_json(row) for row in value]
            parsed = tuple(r for r in rows if r is not None) if all(rows) else None
        elif key == "curve_tail" and isinstance(value, list):
            tail = [_float(v) for v in value]
            parsed = tuple(v for v in tail if v is not None) if None not in tail else None
        elif key == "patched" and isinstance(value, list):
            parsed = tuple(str(v) for v in value)
        elif key == "picture":
            parsed = ArrayPicture.from_json(value)
        return _UNKNOWN if parsed is None else parsed

    def to_json(self) -> dict[str, Json]:
        """Only the fields that are present, plus `extra`."""
        out: dict[str, Json] = {}
        for key, value in asdict(self).items():
            if key == "extra" or value is None or value == ():
                continue
            if key == "worst":
                out[key] = [row.to_json() for row in self.worst]
            elif key == "picture" and self.picture is not None:
                out[key] = self.picture.to_json()
            elif isinstance(value, float):
                out[key] = _wire_float(value)
            elif key == "curve_tail":
                out[key] = [_wire_float(v) for v in self.curve_tail]
            elif isinstance(value, tuple):
                out[key] = list(value)
            else:
                out[key] = value
        out.update(self.extra)
        return out


_UNKNOWN: Any = object()


@dataclass(frozen=True)
class Step:
    """One recorded check: `✓ rows sum to one`, or `✗ ...` with a message that teaches."""

    name: str
    kind: StepKind
    status: Status  # pass or fail (a step is never an error)
    message: str = ""
    details: Details = field(default_factory=Details)

    @property
    def passed(self) -> bool:
        return self.status == Status.PASS

    def to_json(self) -> dict[str, Json]:
        return {
            "name": self.name,
            "kind": str(self.kind),
            "status": str(self.status),
            "message": self.message,
            "details": self.details.to_json(),
        }

    @classmethod
    def from_json(cls, data: object) -> Step:
        if not isinstance(data, Mapping):
            return cls("(unreadable step)", StepKind.RUN, Status.FAIL)
        status = Status.parse(data.get("status"))
        return cls(
            str(data.get("name", "")),
            StepKind.parse(data.get("kind")),
            Status.FAIL if status == Status.ERROR else status,
            str(data.get("message") or ""),
            Details.from_json(data.get("details")),
        )


@dataclass(frozen=True)
class Target:
    """What a convergence check aims for: `metric` ends `goal` (below/above) `value`."""

    name: str
    metric: str
    value: float
    goal: Literal["below", "above"]
    steps: int  # the training steps it may take

    def to_json(self) -> dict[str, Json]:
        return {
            "name": self.name,
            "metric": self.metric,
            "value": _wire_float(self.value),
            "goal": self.goal,
            "steps": self.steps,
        }

    @classmethod
    def from_json(cls, data: object) -> Target | None:
        if not isinstance(data, Mapping):
            return None
        value = _float(data.get("value"))
        if value is None:
            return None
        goal: Literal["below", "above"] = "above" if data.get("goal") == "above" else "below"
        return cls(str(data.get("name", "")), str(data.get("metric", "")), value, goal, _int(data.get("steps")) or 0)


# ---- events: the child's JSON lines ------------------------------------------------------
@dataclass(frozen=True)
class ReadyEvent:
    """The child has imported numpy (and torch) and waits for a request."""

    event: ClassVar[str] = "ready"
    torch: bool = False

    def to_json(self) -> dict[str, Json]:
        return {"event": self.event, "torch": self.torch}


@dataclass(frozen=True)
class StepEvent:
    event: ClassVar[str] = "step"
    step: Step

    def to_json(self) -> dict[str, Json]:
        return {"event": self.event, **self.step.to_json()}


@dataclass(frozen=True)
class CurveEvent:
    """One point of a training curve (series: 'loss', 'reference', an accuracy, ...)."""

    event: ClassVar[str] = "curve"
    series: str
    step: int
    value: float  # may be NaN or inf: that is the news

    def to_json(self) -> dict[str, Json]:
        return {"event": self.event, "series": self.series, "step": self.step, "value": _wire_float(self.value)}


@dataclass(frozen=True)
class TargetEvent:
    event: ClassVar[str] = "target"
    target: Target

    def to_json(self) -> dict[str, Json]:
        return {"event": self.event, **self.target.to_json()}


@dataclass(frozen=True)
class NoteEvent:
    """A free-form line for the learner, shown under the steps."""

    event: ClassVar[str] = "note"
    message: str

    def to_json(self) -> dict[str, Json]:
        return {"event": self.event, "message": self.message}


@dataclass(frozen=True)
class VerdictEvent:
    """The child's last word. `usage_error`: not the learner's fault (e.g. no GPU for --device cuda)."""

    event: ClassVar[str] = "verdict"
    status: Status
    message: str = ""
    device: str = "cpu"
    usage_error: bool = False
    details: Details = field(default_factory=Details)

    def to_json(self) -> dict[str, Json]:
        return {
            "event": self.event,
            "status": str(self.status),
            "message": self.message,
            "device": self.device,
            "usage_error": self.usage_error,
            "details": self.details.to_json(),
        }


Event: TypeAlias = ReadyEvent | StepEvent | CurveEvent | TargetEvent | NoteEvent | VerdictEvent
EventSink: TypeAlias = Callable[[Event], None]


def _parse_fields(kind: object, data: Mapping[str, Any]) -> Event | None:
    if kind == "ready":
        return ReadyEvent(bool(data.get("torch")))
    if kind == "step":
        return StepEvent(Step.from_json(data))
    if kind == "curve":
        step, value = _int(data.get("step")), _float(data.get("value"))
        if step is None or value is None:
            return None
        return CurveEvent(str(data.get("series", "loss")), step, value)
    if kind == "target":
        target = Target.from_json(data)
        return None if target is None else TargetEvent(target)
    if kind == "note":
        return NoteEvent(str(data.get("message", "")))
    if kind == "verdict":
        return VerdictEvent(
            Status.parse(data.get("status")),
            str(data.get("message") or ""),
            str(data.get("device") or "cpu"),
            bool(data.get("usage_error")),
            Details.from_json(data.get("details")),
        )
    return None


def parse_event(line: str | bytes) -> tuple[int | None, Event] | None:
    """(the sender's pid, the event) from one JSON line; None for garbage or an unknown event."""
    try:
        data = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    event = _parse_fields(data.get("event"), data)
    if event is None:
        return None
    return _int(data.get("pid")), event


def event_line(event: Event, pid: int) -> str:
    """One JSON line for the result pipe, stamped with the sender's pid."""
    return json.dumps({**event.to_json(), "pid": pid}, default=str) + "\n"


# ---- what goes in, what comes out ----------------------------------------------------------
@dataclass(frozen=True)
class CheckRequest:
    exercise_id: str
    learner_path: str
    checker_path: str
    reference_path: str
    seed: int
    device: str  # "auto" | "cpu" | "cuda"
    uses_torch: bool
    time_limit_s: float
    memory_mb: int
    cache_dir: str | None = None
    numpy_only: bool = False  # the exercise's manifest says so: the runner enforces it

    def to_line(self) -> bytes:
        return (json.dumps(asdict(self)) + "\n").encode()

    @classmethod
    def from_line(cls, line: str | bytes) -> CheckRequest:
        data = json.loads(line)
        return cls(**{key: data[key] for key in cls.__dataclass_fields__ if key in data})


Curve: TypeAlias = list[tuple[int, float]]  # (step, value) points of one series


@dataclass
class CheckResult:
    """One finished check: the verdict, every step, the curves, what the code printed."""

    exercise: str
    status: Status
    device: str
    seed: int
    duration_s: float
    message: str = ""  # for `error`: what stopped the code, with file:line where there is one
    steps: list[Step] = field(default_factory=list)
    curves: dict[str, Curve] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    output: str = ""  # what the learner's code printed (trimmed)
    usage_error: bool = False  # e.g. cuda asked for but missing: the CLI exits 2; not in JSON

    @property
    def passed(self) -> bool:
        return self.status == Status.PASS

    def failed_steps(self) -> list[Step]:
        return [step for step in self.steps if not step.passed]

    def nan_step(self) -> int | None:
        """The training step where a convergence check saw NaN/inf, if one did."""
        return next(
            (
                s.details.nan_step
                for s in self.steps
                if s.kind == StepKind.CONVERGENCE and s.details.nan_step is not None
            ),
            None,
        )

    def to_json(self) -> dict[str, Json]:
        """The `dltutor check --json` document (docs/protocol.md)."""
        return {
            "schema": CHECK_SCHEMA,
            "exercise": self.exercise,
            "status": str(self.status),
            "device": self.device,
            "seed": self.seed,
            "duration_s": round(self.duration_s, 3),
            "message": self.message,
            "steps": [step.to_json() for step in self.steps],
            "curves": curves_to_json(self.curves),
            "targets": [target.to_json() for target in self.targets],
            "notes": list(self.notes),
            "output": self.output,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CheckResult:
        """Read a document `to_json` wrote (unknown keys are ignored)."""
        targets = [Target.from_json(t) for t in data.get("targets") or []]
        return cls(
            exercise=str(data.get("exercise", "")),
            status=Status.parse(data.get("status")),
            device=str(data.get("device") or "cpu"),
            seed=_int(data.get("seed")) or 0,
            duration_s=_float(data.get("duration_s")) or 0.0,
            message=str(data.get("message") or ""),
            steps=steps_from_json(data.get("steps")),
            curves=curves_from_json(data.get("curves")),
            targets=[t for t in targets if t is not None],
            notes=[str(n) for n in data.get("notes") or []],
            output=str(data.get("output") or ""),
        )


def steps_from_json(data: object) -> list[Step]:
    return [Step.from_json(item) for item in data] if isinstance(data, list) else []


def curves_to_json(curves: Mapping[str, Curve]) -> dict[str, Json]:
    return {name: [[step, _wire_float(value)] for step, value in points] for name, points in curves.items()}


def curves_from_json(data: object) -> dict[str, Curve]:
    """{series: [[step, value], ...]}; malformed points are dropped."""
    if not isinstance(data, Mapping):
        return {}
    curves: dict[str, Curve] = {}
    for name, points in data.items():
        parsed: Curve = []
        for point in points if isinstance(points, list) else []:
            if isinstance(point, list | tuple) and len(point) == 2:
                step, value = _int(point[0]), _float(point[1])
                if step is not None and value is not None:
                    parsed.append((step, value))
        curves[str(name)] = parsed
    return curves
