"""Probe a learner's PyTorch `train_step` once, before any long training run.

`probe_train_step` calls `train_step(model, optimizer, xb, yb)` once, on a
copy of the model, with a plain SGD the checker controls and stale gradients
planted in `.grad`. How the parameters moved names the classic mistakes in a
fraction of a second — a missing `zero_grad`, `step` before `backward`, no
`step` at all, a loss summed over the batch — where a bad training curve
could only say "it did not learn". Clipping by the global gradient norm,
`zero_grad` at the end of the step, dropout and BatchNorm are all accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from tutor.checks.gradients import relative_error
from tutor.checks.training.fit import expect_loss_number
from tutor.checks.training.stream import flat

if TYPE_CHECKING:
    from tutor.checks.core import Checker

STEP_NAME = "train_step does one clean optimizer step"
DROPOUT_SEED = 11  # the same dropout masks, if any, in every forward pass
STALE_SEED = 7


def single_thread_on_cpu(t: Checker) -> None:
    """Small models train faster and far more predictably on one thread when cores are shared."""
    if not t.on_gpu:
        import torch

        torch.set_num_threads(1)


@dataclass
class Probe:
    """What one call of the learner's train_step did."""

    value: Any  # what train_step returned
    moved: np.ndarray  # how far every trainable parameter moved, flattened
    stale: np.ndarray  # the step the planted stale gradients alone would cause (-lr * stale)
    cleared: bool  # .grad was empty afterwards (zero_grad at the end of the step)


def _expected_step(
    t: Checker,
    model: Any,
    xb: Any,
    yb: Any,
    loss_fn: Callable,
    lr: float,
) -> tuple[float, np.ndarray]:
    """(loss, -lr * gradient) of `loss_fn` at the model's current parameters, flattened."""
    import copy

    import torch

    twin = copy.deepcopy(model)
    params = [p for p in twin.parameters() if p.requires_grad]
    torch.manual_seed(t.seed + DROPOUT_SEED)
    loss = loss_fn(twin(xb), yb)
    grads = torch.autograd.grad(loss, params, allow_unused=True)
    step = [torch.zeros_like(p) if g is None else -lr * g for p, g in zip(params, grads, strict=True)]
    return float(loss.detach()), flat(step)


def _run_probe(t: Checker, model: Any, train_step: Callable, xb: Any, yb: Any, lr: float, *, plant: bool) -> Probe:
    """One learner call on a copy of `model`, with stale gradients planted first if `plant`."""
    import copy

    import torch

    probe = copy.deepcopy(model)
    params = [p for p in probe.parameters() if p.requires_grad]
    gen = torch.Generator().manual_seed(t.seed + STALE_SEED)
    stale = [torch.randn(p.shape, generator=gen).to(p.device) * (p.detach().abs().mean() + 0.1) for p in params]
    if plant:
        for p, s in zip(params, stale, strict=True):
            p.grad = s.clone()
    optimizer = torch.optim.SGD(params, lr=lr)
    before = [p.detach().clone() for p in params]
    torch.manual_seed(t.seed + DROPOUT_SEED)
    value = t.call(train_step, probe, optimizer, xb.clone(), yb.clone(), step="train_step runs")
    moved = flat([p.detach() - b for p, b in zip(params, before, strict=True)])
    cleared = all(p.grad is None or not bool(p.grad.any()) for p in params)
    return Probe(value, moved, flat([-lr * s for s in stale]), cleared)


def _along(moved: np.ndarray, direction: np.ndarray, tol: float) -> bool:
    """Does `moved` point along `direction`, scaled by c in (0, 1]? (c < 1: clipped by global norm.)"""
    denom = float(direction @ direction)
    if denom == 0.0:
        return False
    c = float(moved @ direction) / denom
    return 0.0 < c <= 1.0 + tol and relative_error(moved, c * direction) < tol


def _diagnosis(
    probe: Probe, expected: np.ndarray, wrong: dict[str, np.ndarray], *, batch: int, loss_name: str, tol: float
) -> str | None:
    """None for one clean step; otherwise the message naming what went wrong."""
    moved = probe.moved
    if not moved.any():
        return (
            "train_step left the parameters unchanged: call optimizer.step() after loss.backward(), "
            "on the optimizer passed in as an argument (and do not zero the gradients between "
            "backward and step)."
        )
    if _along(moved, expected + probe.stale, tol):
        return (
            "the step used the new gradient PLUS gradients left over from before: PyTorch "
            "accumulates into .grad, so call optimizer.zero_grad() before loss.backward()."
        )
    if _along(moved, probe.stale, tol):
        return (
            "the step used old gradients: optimizer.step() ran before loss.backward(). "
            "The order is zero_grad → forward → loss → backward → step."
        )
    for message, step in wrong.items():
        if _along(moved, step, tol):
            return message
    if relative_error(moved, expected * batch) < tol:
        return (
            f"the step is {batch}× too big: your loss is summed over the batch. Use the mean "
            f"({loss_name}'s default reduction), so the step size does not depend on the batch size."
        )
    if not _along(moved, expected, tol):
        return (
            f"one call of train_step should make one step of the optimizer passed in, on {loss_name} "
            "(the mean over the batch) — possibly shortened by clipping the global gradient norm — "
            f"and it did not (relative difference {relative_error(moved, expected):.2g}). Do: "
            "optimizer.zero_grad(); loss = ...; loss.backward(); [clip_grad_norm_]; optimizer.step(); "
            "return loss.item()."
        )
    return None


def probe_train_step(
    t: Checker,
    model: Any,
    train_step: Callable,
    xb: Any,
    yb: Any,
    loss_fn: Callable,
    *,
    loss_name: str,
    lr: float = 0.1,
    variants: dict[str, Callable] | None = None,
) -> None:
    """One call of the learner's train_step with a plain SGD we control, on a copy of the model.

    The parameters must move by exactly -lr * grad(loss_fn(model(xb), yb)) — or a positive
    fraction of it, when the learner clips the global gradient norm. Stale gradients are
    planted first, so a missing zero_grad shows; a train_step that zeroes the gradients at
    its END (also correct) is then probed again without them. `variants` maps a message to a
    wrong loss function whose step the learner's might match. Finally the returned loss must
    be a number (not a tensor holding its graph) equal to the loss before the step.
    """
    tol = 1e-2 if t.on_gpu else 1e-3
    ref_loss, expected = _expected_step(t, model, xb, yb, loss_fn, lr)
    wrong = {message: _expected_step(t, model, xb, yb, fn, lr)[1] for message, fn in (variants or {}).items()}
    probe = _run_probe(t, model, train_step, xb, yb, lr, plant=True)
    if probe.cleared and _along(probe.moved, expected + probe.stale, tol):
        # zero_grad after step(): right in a loop that only ever calls train_step; probe it fairly
        probe = _run_probe(t, model, train_step, xb, yb, lr, plant=False)
    problem = _diagnosis(probe, expected, wrong, batch=len(xb), loss_name=loss_name, tol=tol)
    if problem:
        t.fail(STEP_NAME, "run", problem)
    t.passed(STEP_NAME, "run")
    expect_loss_number(t, "train_step returns the loss", probe.value, who="train_step")
    t.expect_scalar("train_step returns the loss", probe.value, ref_loss, rtol=1e-3 if t.on_gpu else 1e-4, atol=1e-5)
