"""Checks of a learner's PyTorch training step, before any long training run.

`probe_train_step` calls the learner's `train_step(model, optimizer, xb, yb)`
once, on a copy of the model, with a plain SGD the checker controls and stale
gradients planted in `.grad`. How the parameters moved names the classic
mistakes in a fraction of a second — a missing `zero_grad`, `step` before
`backward`, no `step` at all, a loss summed over the batch — where a bad
training curve could only say "it did not learn". Clipping by the global
gradient norm, `zero_grad` at the end of the step, dropout and BatchNorm are
all accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.checks.core import Checker


def single_thread_on_cpu(t: Checker) -> None:
    """Small models train faster and far more predictably on one thread when cores are shared."""
    if not t.on_gpu:
        import torch

        torch.set_num_threads(1)


def probe_train_step(t: Checker, model, train_step, xb, yb, loss_fn, *, loss_name: str, lr: float = 0.1,
                     variants: dict | None = None) -> None:
    """One call of the learner's train_step with a plain SGD we control, on a copy of the model.

    The parameters must move by exactly -lr * grad(loss_fn(model(xb), yb)) — or a positive
    fraction of it, when the learner clips the global gradient norm. Stale gradients are
    planted first, so a missing zero_grad shows; a train_step that zeroes the gradients at
    its END (also correct) is then probed again without them. `variants` maps a message to a
    wrong loss function whose step the learner's might match.
    """
    import copy

    import torch

    from tutor.checks import relative_error

    twin = copy.deepcopy(model)
    twin_params = [p for p in twin.parameters() if p.requires_grad]

    def step_of(fn):
        torch.manual_seed(t.seed + 11)  # the same dropout masks, if any, in every forward pass
        loss = fn(twin(xb), yb)
        grads = torch.autograd.grad(loss, twin_params, allow_unused=True)
        return loss, [torch.zeros_like(p) if g is None else -lr * g for p, g in zip(twin_params, grads, strict=False)]

    def flat(tensors):
        return torch.cat([v.detach().reshape(-1).double().cpu() for v in tensors]).numpy()

    ref_loss, expected = step_of(loss_fn)
    expected = flat(expected)
    wrong = {message: flat(step_of(fn)[1]) for message, fn in (variants or {}).items()}

    def run(plant: bool):
        probe = copy.deepcopy(model)
        params = [p for p in probe.parameters() if p.requires_grad]
        gen = torch.Generator().manual_seed(t.seed + 7)
        stale = [torch.randn(p.shape, generator=gen).to(p.device) * (p.detach().abs().mean() + 0.1)
                 for p in params]
        if plant:
            for p, s in zip(params, stale, strict=False):
                p.grad = s.clone()
        optimizer = torch.optim.SGD(params, lr=lr)
        before = [p.detach().clone() for p in params]
        torch.manual_seed(t.seed + 11)
        value = t.call(train_step, probe, optimizer, xb.clone(), yb.clone(), step="train_step runs")
        moved = flat([p.detach() - b for p, b in zip(params, before, strict=False)])
        cleared = all(p.grad is None or not bool(p.grad.any()) for p in params)
        return value, moved, flat([-lr * s for s in stale]), cleared

    tol = 1e-2 if t.on_gpu else 1e-3

    def along(moved, v):
        """Does `moved` point along v, scaled by c in (0, 1]? (c < 1: the learner clipped by global norm.)"""
        denom = float(v @ v)
        if denom == 0.0:
            return False
        c = float(moved @ v) / denom
        return 0.0 < c <= 1.0 + tol and relative_error(moved, c * v) < tol

    value, moved, old, cleared = run(plant=True)
    if cleared and along(moved, expected + old):
        # zero_grad after step(): right in a loop that only ever calls train_step; probe it fairly
        value, moved, old, cleared = run(plant=False)
    name = "train_step does one clean optimizer step"
    if not moved.any():
        t.fail(name, "run", "train_step left the parameters unchanged: call optimizer.step() after "
               "loss.backward(), on the optimizer passed in as an argument (and do not zero the "
               "gradients between backward and step).")
    if along(moved, expected + old):
        t.fail(name, "run", "the step used the new gradient PLUS gradients left over from before: "
               "PyTorch accumulates into .grad, so call optimizer.zero_grad() before loss.backward().")
    if along(moved, old):
        t.fail(name, "run", "the step used old gradients: optimizer.step() ran before loss.backward(). "
               "The order is zero_grad → forward → loss → backward → step.")
    for message, step in wrong.items():
        if along(moved, step):
            t.fail(name, "run", message)
    batch = len(xb)
    if relative_error(moved, expected * batch) < tol:
        t.fail(name, "run", f"the step is {batch}× too big: your loss is summed over the batch. Use the "
               f"mean ({loss_name}'s default reduction), so the step size does not depend on the batch size.")
    if not along(moved, expected):
        t.fail(name, "run", f"one call of train_step should make one step of the optimizer passed in, on "
               f"{loss_name} (the mean over the batch) — possibly shortened by clipping the global gradient "
               f"norm — and it did not (relative difference {relative_error(moved, expected):.2g}). Do: "
               "optimizer.zero_grad(); loss = ...; loss.backward(); [clip_grad_norm_]; optimizer.step(); "
               "return loss.item().")
    t.passed(name, "run")
    if value is None or isinstance(value, bool) or not (
            isinstance(value, int | float) or (hasattr(value, "numel") and value.numel() == 1)):
        t.fail("train_step returns the loss", "value",
               f"train_step returned {type(value).__name__}; return the batch loss as a number (loss.item()).")
    t.expect_scalar("train_step returns the loss", value, float(ref_loss.detach()),
                    rtol=1e-3 if t.on_gpu else 1e-4, atol=1e-5)
