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
    every = max(1, steps // MAX_POINTS)
    self._emit(TargetEvent(Target(name, metric if final is None else "final", float(target), goal, steps)))
    if reference is not None:
        ref_every = max(1, len(reference) // MAX_POINTS)
        for i, value in enumerate(reference):
            if i % ref_every == 0 or i == len(reference) - 1:
                self.curve("reference", i, value)
    started = time.monotonic()
    budget = min(budget_s if budget_s is not None else math.inf, self.time_left() - 1.0)
    curve: list[float] = []
    out_of_time = False
    for i in range(steps):
        value = self.call(step, i, step=f"{name}: training step {i} runs")
        try:
            value = float(value)
        except (TypeError, ValueError):
            self.fail(name, "convergence", f"the training step returned {value!r}, not a number")
        curve.append(value)
        if i % every == 0 or i == steps - 1 or not math.isfinite(value):
            self.curve(metric, i, value)
        if not math.isfinite(value):
            self.fail(
                name,
                "convergence",
                f"the {metric} became {value} at step {i} — usually a learning "
                "rate that is too high, log(0) in the loss, or exp overflowing in a softmax/sigmoid.",
                nan_step=i,
                curve_tail=curve[-5:],
            )
        if goal == "below" and i >= 3 and curve[0] > 0 and value > diverge_factor * curve[0]:
            self.fail(
                name,
                "convergence",
                f"the {metric} diverged: {curve[0]:.4g} at step 0, {value:.4g} "
                f"at step {i} — the learning rate is too high, or the update goes uphill "
                "(`w += lr * grad` instead of `-=`).",
                diverged_step=i,
            )
        if time.monotonic() - started > budget:
            self.note(f"{name}: time budget reached after {i + 1} of {steps} steps")
            out_of_time = i + 1 < steps
            break
    if not curve:
        self.fail(name, "convergence", "training ran no steps")
    judged = float(self.call(final, step=f"{name}: evaluation runs")) if final is not None else curve[-1]
    met = judged <= target if goal == "below" else judged >= target
    label = label or (metric if final is None else "final metric")
    sign = "≤" if goal == "below" else "≥"
    details = {"judged": judged, "target": target, "steps_run": len(curve), "first": curve[0], "last": curve[-1]}
    if met:
        self.passed(name, "convergence", f"{label} {judged:.4g} (target {sign} {target:.4g})", **details)
        return curve
    if out_of_time:
        # Judging a cut-short run as if it had finished would blame the learner's maths for slowness.
        self.fail(
            name,
            "convergence",
            f"training was stopped by the time limit after {len(curve)} of {steps} "
            f"steps ({label} {judged:.4g} then; the target is {sign} "
            f"{target:.4g}). Your code is too slow for this check, or the machine was very busy: "
            "look for work repeated inside the step, then check again.",
            **details,
        )
    trend = ""
    better = (curve[-1] < curve[0]) if goal == "below" else (curve[-1] > curve[0])
    if len(curve) > 1 and curve[-1] == curve[0] and len(set(curve)) == 1:
        trend = f" The {metric} did not move at all: are the weights updated in place, and is the gradient non-zero?"
    elif len(curve) > 1 and abs(curve[-1] - curve[0]) < 1e-3 * max(abs(curve[0]), 1e-12):
        trend = (
            f" The {metric} barely moved ({curve[0]:.6g} at the start, {curve[-1]:.6g} at the end): the "
            "weights are being updated, but by far too little — a learning rate that is far too small?"
        )
    elif len(curve) > 1 and better:
        trend = " It is improving but too slowly: check the learning rate and the gradient's scale."
    elif len(curve) > 1:
        trend = (
            f" The {metric} got worse over training: an update in the wrong direction, or a "
            "learning rate that is too high?"
        )
    self.fail(
        name,
        "convergence",
        f"{label} {judged:.4g} after {len(curve)} steps; the target is {sign} {target:.4g}.{trend}",
        **details,
    )
    raise AssertionError("unreachable")
