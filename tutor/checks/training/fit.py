"""Judging a learner's PyTorch `fit` and `train_step`: steps, gradients, returned losses, epochs.

The rules here are the course's, the same in every stage: a returned loss is
a number (a tensor that still holds its graph is rejected, by name); a fit
makes one optimizer step per epoch on the model it was given; the gradient
in `.grad` at each step is that of the mean loss the task names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from tutor.checks.gradients import relative_error
from tutor.checks.training.stream import StepRecord, flat

if TYPE_CHECKING:
    from tutor.checks.core import Checker


def torch_generator(t: Checker, offset: int = 0) -> Any:
    """A CPU torch.Generator seeded from the check's seed (so `--seed N` replays it)."""
    import torch

    gen = torch.Generator()
    gen.manual_seed((t.seed * 7919 + offset) % (2**63 - 1))
    return gen


def torch_hint(exc: BaseException) -> str | None:
    """Hints for the usual PyTorch errors in a training loop (pass as `t.call(..., hint=torch_hint)`)."""
    text = str(exc)
    if "same device" in text:
        return (
            "tensors on different devices: create new tensors on the data's device "
            "(torch.zeros(..., device=X.device)) and move the model once with model.to(device)."
        )
    if "Long" in text and ("Float" in text or "scalar type" in text):
        return "CrossEntropyLoss takes class indices as int64 (long) targets; do not convert y to float."
    if "backward through the graph a second time" in text:
        return (
            "the loss was built outside the epoch loop (or reused); compute output = model(X) and "
            "the loss inside the loop, every epoch."
        )
    if "does not require grad" in text:
        return (
            "the loss has no gradient: compute it from model(X) without torch.no_grad(), .detach() or "
            ".item() on the way."
        )
    if "should be between 0 and 1" in text:
        return (
            "BCELoss got values outside [0, 1] — NaN outputs, usually from a learning rate so high that "
            "the weights overflowed; or a model that does not end in a Sigmoid."
        )
    if "target size" in text.lower() or "same size" in text.lower():
        return "the target's shape must match the model output's: y is (n, 1) like model(X)."
    return None


def loss_number_problem(value: Any, who: str, *, tensors_ok: bool = True) -> str | None:
    """Why `value` is not an acceptable returned loss, or None.

    A tensor that requires grad is always refused: it keeps the whole
    computation graph of its step alive, and a loop that collects such
    losses holds every graph it ever built. A detached one-element tensor is
    a number unless `tensors_ok` is False.
    """
    if getattr(value, "requires_grad", False):
        return (
            f"{who} returned the loss tensor with its graph attached (requires_grad=True); return "
            "loss.item() — a float — so the graph of every step is freed instead of kept alive."
        )
    if hasattr(value, "numel") and hasattr(value, "detach"):
        if value.numel() != 1:
            return f"{who} returned a tensor of shape {tuple(value.shape)}; return the mean loss, one number."
        if not tensors_ok:
            return f"{who} returned the loss as a (detached) tensor; return plain Python floats: loss.item()."
        return None
    if value is None or isinstance(value, bool) or not isinstance(value, int | float | np.number):
        return f"{who} returned {type(value).__name__}; return the batch loss as a number (loss.item())."
    return None


def expect_loss_number(t: Checker, name: str, value: Any, *, who: str, tensors_ok: bool = True) -> None:
    """The course's one rule for a returned loss: a number, never a tensor with its graph."""
    problem = loss_number_problem(value, who, tensors_ok=tensors_ok)
    if problem:
        t.fail(name, "value", problem)


def expect_gradients_cleared(t: Checker, previous: Any, got: Any, fresh: Any) -> None:
    """Name a missing zero_grad from the .grad seen at a second optimizer step.

    `got` is that .grad, `fresh` the gradient of the same batch on a clean copy of the model, and
    `previous` the .grad of the step before (flat tensors over the same parameters). Only a
    diagnosis: it fails when `got` is `fresh + previous` and not `fresh`, and is silent when .grad
    is something else (gradient clipping, for one, is allowed).
    """

    def rel(a: Any, b: Any) -> float:
        return float((a - b).norm() / max(float(b.norm()), 1e-12))

    tol = 2e-2 if t.on_gpu else 1e-3
    if rel(got, fresh) > tol and rel(got, fresh + previous) < tol:
        t.fail(
            "the gradients are cleared every step",
            "gradient",
            "at the second optimizer step .grad held the second batch's gradient PLUS the first one's: PyTorch "
            "adds gradients up, so call optimizer.zero_grad() every step, before loss.backward().",
        )
    t.passed("the gradients are cleared every step", "gradient")


def minibatch_epochs(
    t: Checker, train_step: Callable, model: Any, optimizer: Any, x: Any, y: Any, *, batch: int, generator: Any
) -> Callable[[int], float]:
    """`epoch(i)` for `t.converge`: one shuffled pass of the learner's train_step; the mean loss.

    Every returned loss must be a number (see `expect_loss_number`); the
    first one is checked, the rest only converted.
    """
    import torch

    n = len(x)

    def epoch(i: int) -> float:
        model.train()
        order = torch.randperm(n, generator=generator).to(x.device)
        total = 0.0
        for start in range(0, n, batch):
            idx = order[start : start + batch]
            value = train_step(model, optimizer, x[idx], y[idx])
            if i == 0 and start == 0:
                expect_loss_number(t, "train_step returns the loss", value, who="train_step")
            total += float(value) * len(idx)
        return total / n

    return epoch


def expect_fit_steps(
    t: Checker,
    name: str,
    records: list[StepRecord],
    steps: int,
    *,
    epochs: int,
    no_step: str,
    optimizer_problem: Callable[[Any], str | None] | None = None,
) -> None:
    """What `record_steps` saw of a full-batch fit: steps happened, on this model, one per epoch, with .grad.

    `no_step` is the exercise's advice when fit never stepped;
    `optimizer_problem(optimizer)` may name an exercise rule on the optimizer.
    """
    if steps == 0:
        t.fail(
            name,
            "run",
            f"fit(..., epochs={epochs}) never called optimizer.step(), so the weights never change: {no_step}",
        )
    first = records[0]
    if not first.owns_params:
        t.fail(
            name,
            "run",
            "the optimizer does not hold this model's parameters (a new model's?): create "
            "it with model.parameters() of the model fit receives.",
        )
    problem = optimizer_problem(first.optimizer) if optimizer_problem else None
    if problem:
        t.fail(name, "run", problem)
    if steps != epochs:
        t.fail(
            name,
            "run",
            f"fit(..., epochs={epochs}) made {steps} optimizer steps; make exactly one per "
            "epoch, on the whole data set (full batch: no mini-batches, no extra steps).",
        )
    if first.missing:
        t.fail(
            name,
            "run",
            f"at the first optimizer.step() {first.missing} had no gradient (.grad is None): "
            "call loss.backward() before optimizer.step(), and optimizer.zero_grad() before "
            "loss.backward() — not between loss.backward() and optimizer.step(), which throws the "
            "gradients away.",
        )
    t.passed(name, "run")


def check_step_gradients(
    t: Checker,
    step_name: str,
    records: list[StepRecord],
    grad_of: Callable[[dict, str], dict],
    variants: dict[str, str],
    *,
    n: int,
    loss_name: str,
    zero_message: str,
) -> None:
    """Compare the .grad the learner's fit held at each recorded optimizer step with the right one.

    `grad_of(params, variant)` is the gradient (name -> tensor) at those
    parameters of the loss "right", or of a named wrong loss in `variants`
    (variant -> message). Also names a missing zero_grad (gradients that add
    up over steps), a summed loss (n times too large) and all-zero gradients.
    """
    threshold = 2e-2 if t.on_gpu else 1e-4
    names = list(records[0].grads)

    def vec(d: dict) -> np.ndarray:
        return flat(d[name] for name in names)

    rights = []
    for k, record in enumerate(records):
        got = vec(record.grads)
        right = vec(grad_of(record.params, "right"))
        rights.append(right)
        error = relative_error(got, right)
        if error < threshold:
            continue
        where = f"at optimizer step {k + 1}"
        if not np.any(got):
            t.fail(step_name, "gradient", f"every gradient is zero {where}: {zero_message}")
        if k >= 1 and relative_error(got, np.sum(rights, axis=0)) < threshold:
            t.fail(
                step_name,
                "gradient",
                f"{where} the .grad holds the sum of this step's gradient and the "
                "earlier ones: PyTorch adds gradients up, so call optimizer.zero_grad() every epoch, "
                "before loss.backward().",
            )
        if relative_error(got, n * right) < threshold:
            t.fail(
                step_name,
                "gradient",
                f"{where} the gradient is n = {n} times too large: the loss is "
                "summed over the batch (reduction='sum'); use the default mean.",
            )
        for variant, message in variants.items():
            if relative_error(got, vec(grad_of(record.params, variant))) < threshold:
                t.fail(step_name, "gradient", f"{where}: {message}")
        t.fail(
            step_name,
            "gradient",
            f"{where} the gradient in .grad is not that of {loss_name} "
            f"(relative error {error:.2g}). Each epoch: optimizer.zero_grad(), loss on the whole "
            "batch, loss.backward(), optimizer.step().",
        )
    t.passed(step_name, "gradient", f"{len(records)} optimizer steps")


def check_loss_history(t: Checker, history: Any, epochs: int) -> None:
    """fit(...) returned one float loss per epoch (not tensors, which keep their graphs alive)."""
    name = "fit returns one loss per epoch"
    if not isinstance(history, list | tuple) or len(history) != epochs:
        shown = f"a {type(history).__name__}" if not isinstance(history, list | tuple) else f"{len(history)} values"
        t.fail(
            name,
            "run",
            f"fit(..., epochs={epochs}) returned {shown}; return a list with one loss "
            "per epoch (losses.append(loss.item()) inside the loop, `return losses` after it).",
        )
    for value in history:
        problem = loss_number_problem(value, "fit", tensors_ok=False)
        if problem:
            t.fail(
                name,
                "run",
                problem.replace("returned the loss", "returned a loss") + " Append loss.item() every epoch.",
            )
    t.passed(name, "run")
