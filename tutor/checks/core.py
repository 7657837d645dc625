"""The `Checker` a lesson checker receives: steps, learner calls, events.

A lesson checker is a module with `check(t: Checker) -> None`. Each `t.expect_*`
call records one step; a failing step raises `StepFailed`, which ends the
check there (one clear thing to fix) unless it happens inside `with
t.part(...)`, which lets independent parts (relu, sigmoid, ...) each report.

Everything here runs in the runner's child process, never in the UI or CLI.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import linecache
import math
import os
import signal
import threading
import time
import traceback
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from tutor.checks import convergence, gradients, loops, numpy_only, properties, symbolic, values
from tutor.protocol import CurveEvent, Details, Event, NoteEvent, Status, Step, StepEvent, StepKind

STEP_KINDS = tuple(kind.value for kind in StepKind)

Emit = Callable[[Event], None]


class StepFailed(Exception):
    """Raised by a failing `expect_*`; carries nothing: the step is already recorded."""


def _json_safe(value: Any) -> Any:
    """Details travel as JSON: turn arrays and numpy scalars into plain values."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, np.ndarray):
        return _json_safe(value.tolist())
    if isinstance(value, np.generic):
        return _json_safe(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)


def learner_frames(exc: BaseException, learner_file: Path | None) -> list[traceback.FrameSummary]:
    """The traceback frames that belong to the learner's own file."""
    frames = traceback.extract_tb(exc.__traceback__)
    if learner_file is None:
        return list(frames)
    target = str(learner_file)
    return [f for f in frames if f.filename == target]


def describe_exception(exc: BaseException, learner_file: Path | None) -> tuple[str, dict]:
    """One-line summary plus details (trimmed traceback) of an exception from learner code."""
    frames = learner_frames(exc, learner_file)
    where = ""
    if frames:
        last = frames[-1]
        line = (last.line or linecache.getline(last.filename, last.lineno or 0)).strip()
        where = f" at {Path(last.filename).name}:{last.lineno}" + (f": `{line}`" if line else "")
    trimmed = "".join(traceback.format_list(frames)) + "".join(
        traceback.format_exception_only(type(exc), exc)
    )  # prints "<exception str() failed>" if need be
    return f"{type(exc).__name__}: {_message(exc)}{where}", {"traceback": trimmed}


def _message(exc: BaseException) -> str:
    """str(exc), even for an exception whose __str__ itself raises (learner code may do anything)."""
    try:
        return str(exc)
    except Exception as inner:  # noqa: BLE001 - any failure here is the learner's exception's own
        return f"(its message could not be shown: {type(exc).__name__}.__str__ raised {type(inner).__name__})"


class Checker:
    """What a lesson checker works with. One instance per check run."""

    def __init__(
        self,
        *,
        learner: types.ModuleType,
        learner_file: Path | None,
        reference: types.ModuleType | None,
        seed: int,
        device: str,
        emit: Emit,
        exercise_id: str = "",
        deadline: float | None = None,
        cache_dir: Path | None = None,
        cache_salt: str = "",
    ) -> None:
        self.learner = learner
        self.learner_file = learner_file
        self.reference = reference
        self.seed = seed
        self.device = device
        self.exercise_id = exercise_id
        self.rng = np.random.default_rng(seed)
        self.steps: list[Step] = []
        self._emit = emit
        self._part: str | None = None
        self._deadline = deadline
        self._cache_dir = cache_dir
        self._cache_salt = cache_salt

    # ---- tolerances -------------------------------------------------------
    @property
    def on_gpu(self) -> bool:
        return self.device.startswith("cuda")

    def float_tolerances(self) -> tuple[float, float]:
        """(rtol, atol) for float32 results; loosened on GPU where TF32 may be on."""
        return (1e-3, 1e-4) if self.on_gpu else (1.3e-6, 1e-5)

    def time_left(self) -> float:
        """Seconds until the runner's wall-clock limit (inf if none)."""
        return math.inf if self._deadline is None else self._deadline - time.monotonic()

    # ---- steps --------------------------------------------------------------
    def _record(self, name: str, kind: str, status: Status, message: str, details: dict[str, Any]) -> Step:
        if self._part and not name.startswith(self._part):
            name = f"{self._part}: {name}"
        # Details become the protocol's typed evidence here, as the UI will read them.
        step = Step(name, StepKind(kind), status, message, Details.from_json(_json_safe(details)))
        self.steps.append(step)
        self._emit(StepEvent(step))
        return step

    def passed(self, name: str, kind: str, message: str = "", **details: Any) -> None:
        assert kind in STEP_KINDS, kind
        self._record(name, kind, Status.PASS, message, details)

    def fail(self, name: str, kind: str, message: str, **details: Any) -> NoReturn:
        """Record a failing step and stop the check (or the current part)."""
        assert kind in STEP_KINDS, kind
        self._record(name, kind, Status.FAIL, message, details)
        raise StepFailed(message)

    def expect(self, name: str, condition: bool, message: str, kind: str = "value", **details: Any) -> None:
        """The simplest step: pass if `condition`, else fail with `message`."""
        if condition:
            self.passed(name, kind)
        else:
            self.fail(name, kind, message, **details)

    @contextlib.contextmanager
    def part(self, name: str) -> Iterator[None]:
        """Group steps; a failure inside ends only this part, and later parts still run."""
        outer = self._part
        self._part = name
        try:
            yield
        except StepFailed:
            pass
        finally:
            self._part = outer

    @property
    def failed(self) -> bool:
        return any(step.status == "fail" for step in self.steps)

    # ---- learner code -------------------------------------------------------
    def function(self, name: str, kind: str = "run") -> Callable[..., Any]:
        """The learner's function (or class) `name`, or a failing step saying it is missing."""
        obj = getattr(self.learner, name, None)
        if obj is None:
            where = self.learner_file.name if self.learner_file else "your file"
            self.fail(
                f"{name} exists",
                kind,
                f"{where} does not define `{name}`; keep the name and signature from the starter.",
            )
        if not callable(obj):
            self.fail(f"{name} exists", kind, f"`{name}` should be a function, got {type(obj).__name__}")
        return obj

    def call(
        self,
        fn: Callable[..., Any],
        *args: Any,
        step: str | None = None,
        hint: str | Callable[[BaseException], str | None] | None = None,
        budget_s: float | None = None,
        **kwargs: Any,
    ) -> Any:
        """Call learner code; an exception becomes a failing step with their own frames.

        `hint` is added to the message of an exception (what usually causes it
        here): a sentence, or a function of the exception returning one or None.
        `budget_s` bounds this one call: slower code fails the step, naming the
        budget, instead of running into the whole check's limit.
        """
        shown = _callable_name(fn)
        label = step or f"{shown} runs"
        try:
            with _time_budget(budget_s):
                return fn(*args, **kwargs)
        except _OverBudget:
            self.fail(
                label,
                "run",
                f"`{shown}` took longer than {budget_s:g} s "
                "on this input — a Python loop over array elements, or an algorithm that does "
                "far more work than needed?" + (f" {hint}" if isinstance(hint, str) else ""),
            )
        except NotImplementedError:
            self.fail(
                label,
                "run",
                f"`{shown}` is not implemented yet "
                "(it still raises NotImplementedError) — replace the TODO with your code.",
            )
        except StepFailed:
            raise
        except SystemExit as exc:
            self.fail(
                label,
                "run",
                f"your code called sys.exit({exc.code!r}) during the check; return a value instead of exiting.",
            )
        except KeyboardInterrupt:
            self.fail(label, "run", "your code raised KeyboardInterrupt during the check.")
        except MemoryError:
            self.fail(
                label,
                "run",
                "your code ran out of memory (MemoryError); are you building "
                "a much larger array than needed, e.g. an outer product by broadcasting?",
            )
        except RecursionError as exc:
            summary, details = describe_exception(exc, self.learner_file)
            self.fail(label, "run", f"infinite recursion: {summary}", **details)
        except Exception as exc:  # noqa: BLE001 - learner code may raise anything
            summary, details = describe_exception(exc, self.learner_file)
            self.fail(label, "run", summary + (f"\n{extra}" if (extra := _hint_for(hint, exc)) else ""), **details)
        raise AssertionError("unreachable")

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()` (JSON-able), remembered across checks of this exercise, seed and device.

        For what is costly and only shown, such as the reference run's curve.
        The cache sits in the learner's workspace, so never derive a pass/fail
        target from it; a stale or edited entry is recomputed, never trusted
        for a verdict.
        """
        if self._cache_dir is None:
            return compute()
        digest = hashlib.sha256(f"{self._cache_salt}|{key}|{self.seed}|{self.device}".encode()).hexdigest()[:16]
        path = self._cache_dir / f"{self.exercise_id}-{digest}.json"
        try:
            return json.loads(path.read_text())["value"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        value = compute()
        try:
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"value": _json_safe(value)}))
            tmp.replace(path)
        except OSError:
            pass  # a read-only workspace only costs time
        return value

    # ---- events -------------------------------------------------------------
    def curve(self, series: str, step: int, value: float) -> None:
        """Stream one point of a training curve (series: 'loss', 'reference', 'target', ...)."""
        self._emit(CurveEvent(series, int(step), float(value)))

    def note(self, message: str) -> None:
        """A free-form line for the learner (shown under the steps)."""
        self._emit(NoteEvent(message))

    # ---- step helpers live in sibling modules; bound here for one namespace --
    expect_type = values.expect_type
    expect_shape = values.expect_shape
    expect_array = values.expect_array
    expect_close = values.expect_close
    expect_scalar = values.expect_scalar
    expect_equal = values.expect_equal
    expect_unchanged = values.expect_unchanged
    expect_gradient = gradients.expect_gradient
    expect_torch_gradcheck = gradients.expect_torch_gradcheck
    converge = convergence.converge
    expect_property = properties.expect_property
    expect_equivalent = symbolic.expect_equivalent
    expect_expression = symbolic.expect_expression
    expect_matrix_expression = symbolic.expect_matrix_expression
    expect_no_python_loop = loops.expect_no_python_loop
    expect_numpy_only = numpy_only.expect_numpy_only
    expect_not_used = numpy_only.expect_not_used


def _callable_name(fn: Any) -> str:
    """How to name learner code in a message: `relu`, or `Net.forward` for a called nn.Module."""
    name = getattr(fn, "__name__", None)
    if isinstance(name, str):
        return name
    return f"{type(fn).__name__}.forward" if hasattr(fn, "forward") else "your code"


def _hint_for(hint: str | Callable[[BaseException], str | None] | None, exc: BaseException) -> str | None:
    """The hint for `exc`; a hint function that itself fails adds nothing rather than break the check."""
    if not callable(hint):
        return hint
    try:
        return hint(exc)
    except Exception:  # noqa: BLE001 - a hint is a courtesy; the exception itself is still reported
        return None


class _OverBudget(BaseException):
    """Raised into learner code by the per-call timer; a BaseException so `except Exception` cannot eat it."""


@contextlib.contextmanager
def _time_budget(seconds: float | None) -> Iterator[None]:
    """SIGALRM-based limit for one call (the runner's child runs checks on its main thread)."""
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _OverBudget()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
