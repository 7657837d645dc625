"""Convergence checks: drive the learner's training step by step, stream the curve.

The checker hands `converge` a function that runs one unit of the learner's
training (an epoch, a step) and returns the loss. Each value is streamed to
the UI as it arrives; training stops early on NaN/inf, on divergence, or when
the step/time budget runs out, and passes on a target metric that the lesson
derives from the reference solution's run.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tutor.protocol import Target, TargetEvent

if TYPE_CHECKING:
    from tutor.checks.core import Checker

MAX_POINTS = 300  # points streamed per series; more adds nothing to a terminal plot


def converge(
    self: Checker,
    name: str,
    step: Callable[[int], float],
    *,
    steps: int,
    target: float,
    goal: Literal["below", "above"] = "below",
    final: Callable[[], float] | None = None,
    metric: str = "loss",
    budget_s: float | None = None,
    reference: Sequence[float] | None = None,
    diverge_factor: float = 10.0,
    label: str | None = None,
) -> list[float]:
    """Run `step(i)` for i in range(steps); pass if the final metric meets `target`.

    `final()` computes the judged metric after training (e.g. held-out
    accuracy); without it, the last value `step` returned is judged.
    `goal` is "below" (a loss) or "above" (an accuracy).
    """
    assert goal in ("below", "above")
    if math.isfinite(target):  # an infinite target only asks the run to stay finite: no line to draw or beat
        self._emit(TargetEvent(Target(name, metric if final is None else "final", float(target), goal, steps)))
    if reference is not None:
        _stream_reference(self, reference)
    run = _Run(name, steps, goal, metric, diverge_factor)
    budget = min(budget_s if budget_s is not None else math.inf, self.time_left() - 1.0)
    curve, out_of_time = _train(self, run, step, budget)
    judged = float(self.call(final, step=f"{name}: evaluation runs")) if final is not None else curve[-1]
    label = label or (metric if final is None else "final metric")
    _judge_target(self, run, curve, judged, target, label, out_of_time)
    return curve


@dataclass(frozen=True)
class _Run:
    """What every step of one convergence run is judged against (saves threading five arguments)."""

    name: str
    steps: int
    goal: Literal["below", "above"]
    metric: str
    diverge_factor: float


def _stream_reference(self: Checker, reference: Sequence[float]) -> None:
    """Draw the reference solution's curve, thinned to MAX_POINTS, so the learner sees the run to beat."""
    ref_every = max(1, len(reference) // MAX_POINTS)
    for i, value in enumerate(reference):
        if i % ref_every == 0 or i == len(reference) - 1:
            self.curve("reference", i, value)


def _train(self: Checker, run: _Run, step: Callable[[int], float], budget: float) -> tuple[list[float], bool]:
    """Run the learner's steps, streaming the curve; stop on NaN, divergence or the time budget.

    Returns the curve and whether the time budget cut the run short.
    """
    every = max(1, run.steps // MAX_POINTS)
    started = time.monotonic()
    curve: list[float] = []
    for i in range(run.steps):
        value = _step_value(self, run, step, i)
        curve.append(value)
        if i % every == 0 or i == run.steps - 1 or not math.isfinite(value):
            self.curve(run.metric, i, value)
        _judge_step(self, run, curve, i)
        if time.monotonic() - started > budget:
            self.note(f"{run.name}: time budget reached after {i + 1} of {run.steps} steps")
            return curve, i + 1 < run.steps
    if not curve:
        self.fail(run.name, "convergence", "training ran no steps")
    return curve, False


def _step_value(self: Checker, run: _Run, step: Callable[[int], float], i: int) -> float:
    """Call step `i` and insist on a number back (a tensor with one element converts; None does not)."""
    value = self.call(step, i, step=f"{run.name}: training step {i} runs")
    try:
        return float(value)
    except (TypeError, ValueError):
        self.fail(run.name, "convergence", f"the training step returned {value!r}, not a number")


def _judge_step(self: Checker, run: _Run, curve: list[float], i: int) -> None:
    """Fail at once on NaN/inf or divergence: training on would only waste the learner's time budget."""
    value = curve[-1]
    if not math.isfinite(value):
        self.fail(
            run.name,
            "convergence",
            f"the {run.metric} became {value} at step {i} — usually a learning "
            "rate that is too high, log(0) in the loss, or exp overflowing in a softmax/sigmoid.",
            nan_step=i,
            curve_tail=curve[-5:],
        )
    if run.goal == "below" and i >= 3 and curve[0] > 0 and value > run.diverge_factor * curve[0]:
        self.fail(
            run.name,
            "convergence",
            f"the {run.metric} diverged: {curve[0]:.4g} at step 0, {value:.4g} "
            f"at step {i} — the learning rate is too high, or the update goes uphill "
            "(`w += lr * grad` instead of `-=`).",
            diverged_step=i,
        )


def _judge_target(
    self: Checker, run: _Run, curve: list[float], judged: float, target: float, label: str, out_of_time: bool
) -> None:
    """Pass if `judged` meets the target; otherwise fail, saying why the run fell short."""
    met = judged <= target if run.goal == "below" else judged >= target
    sign = "≤" if run.goal == "below" else "≥"
    details = {"judged": judged, "target": target, "steps_run": len(curve), "first": curve[0], "last": curve[-1]}
    if met:
        self.passed(run.name, "convergence", f"{label} {judged:.4g} (target {sign} {target:.4g})", **details)
        return
    if out_of_time:
        # Judging a cut-short run as if it had finished would blame the learner's maths for slowness.
        self.fail(
            run.name,
            "convergence",
            f"training was stopped by the time limit after {len(curve)} of {run.steps} "
            f"steps ({label} {judged:.4g} then; the target is {sign} "
            f"{target:.4g}). Your code is too slow for this check, or the machine was very busy: "
            "look for work repeated inside the step, then check again.",
            **details,
        )
    trend = _trend_advice(curve, run.metric, run.goal)
    self.fail(
        run.name,
        "convergence",
        f"{label} {judged:.4g} after {len(curve)} steps; the target is {sign} {target:.4g}.{trend}",
        **details,
    )


def _trend_advice(curve: list[float], metric: str, goal: Literal["below", "above"]) -> str:
    """Read the curve's shape to guess the mistake: frozen weights, a tiny step, a slow or uphill update."""
    if len(curve) <= 1:
        return ""
    better = (curve[-1] < curve[0]) if goal == "below" else (curve[-1] > curve[0])
    if curve[-1] == curve[0] and len(set(curve)) == 1:
        return f" The {metric} did not move at all: are the weights updated in place, and is the gradient non-zero?"
    if abs(curve[-1] - curve[0]) < 1e-3 * max(abs(curve[0]), 1e-12):
        return (
            f" The {metric} barely moved ({curve[0]:.6g} at the start, {curve[-1]:.6g} at the end): the "
            "weights are being updated, but by far too little — a learning rate that is far too small?"
        )
    if better:
        return " It is improving but too slowly: check the learning rate and the gradient's scale."
    return (
        f" The {metric} got worse over training: an update in the wrong direction, or a learning rate that is too high?"
    )
