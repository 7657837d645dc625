"""Checker: gradient accumulation — k micro-batches, one optimizer step, equal to one full-batch step.

For SGD and Adam and k in {1, 2, 4}, a tiny float64 MLP is copied: the learner's copy gets
`accumulated_step` (with stale gradients already sitting in .grad, as an earlier backward would leave
them), the checker's copy one plain step on the whole batch. Before comparing parameters the checker
counts optimizer steps (a step post-hook) and records the order of forward and backward passes (one
micro-batch's graph alive at a time). On a parameter mismatch the learner's result is compared with
the usual wrong versions, each simulated here from the same starting weights — loss not divided by k,
only the last micro-batch, stale gradients kept, torch.split given k as a chunk SIZE, gradients cleared
just before the step — so the failure names the mistake; for SGD a step that is a multiple of the
right one is named by its ratio.
"""

import copy

import torch
from torch import nn

from tutor.checks import Checker

N = 12  # divisible by every k below, as the task promises
KS = (1, 2, 4)
OPTIMIZERS = [("SGD", {"lr": 0.1}), ("Adam", {"lr": 0.01})]

_DETACH_HINT = (
    "Something in the chain from model(x) to the loss is cut off from autograd: no .item(), "
    ".detach(), torch.no_grad() or float() before calling .backward() — backward needs the "
    "loss tensor itself; take .item() only of the number you return."
)


def _hint(exc):
    text = str(exc)
    if "does not require grad" in text or "has no attribute 'backward'" in text:
        return _DETACH_HINT
    if "backward through the graph a second time" in text:
        return (
            "A graph was used for backward twice: call backward once per micro-batch, on that "
            "micro-batch's own loss (a running total of loss TENSORS backpropagates old graphs again)."
        )
    return None


def _problem(seed, device):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(5, 16), nn.Tanh(), nn.Linear(16, 3)).to(device=device, dtype=torch.float64)
    x = torch.randn(N, 5, dtype=torch.float64, device=device)
    y = torch.randint(0, 3, (N,), device=device)
    return model, x, y


def _flat(model):
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()])


def _grads(model, loss_fn, x, y):
    model.zero_grad(set_to_none=True)
    loss_fn(model(x), y).backward()
    return [p.grad.detach().clone() for p in model.parameters()]


def _step_with(model0, make_opt, grads):
    """Parameters after one step of a fresh optimizer from model0's weights with the given gradients."""
    m = copy.deepcopy(model0)
    opt = make_opt(m.parameters())
    for p, g in zip(m.parameters(), grads, strict=False):
        p.grad = g.clone()
    opt.step()
    return _flat(m)


def _k_steps(model0, make_opt, loss_fn, chunks, scale):
    m = copy.deepcopy(model0)
    opt = make_opt(m.parameters())
    for xb, yb in chunks:
        opt.zero_grad()
        (loss_fn(m(xb), yb) * scale).backward()
        opt.step()
    return _flat(m)


def _variants(model0, make_opt, loss_fn, x, y, k, stale):
    """(message, parameters) for the wrong versions that differ from the right one under this k."""
    chunks = list(zip(x.chunk(k), y.chunk(k), strict=False))
    micro = [_grads(copy.deepcopy(model0), loss_fn, xb, yb) for xb, yb in chunks]
    total = [sum(gs) for gs in zip(*micro, strict=False)]
    mean = [g / k for g in total]
    out = [
        (
            f"the micro-batch losses were not divided by k = {k}: the gradients add up to k times the "
            "full-batch gradient. Scale each micro-batch loss by 1/k before backward.",
            _step_with(model0, make_opt, total),
        ),
        (
            "only the LAST micro-batch's gradient reached the step: .grad was cleared inside the loop "
            "(zero_grad between micro-batches throws away what was accumulated). Clear once, before the loop.",
            _step_with(model0, make_opt, [g / k for g in micro[-1]]),
        ),
        (
            "only the LAST micro-batch's gradient reached the step (and it was not divided by k): .grad was "
            "cleared inside the loop. Clear once, before the loop.",
            _step_with(model0, make_opt, micro[-1]),
        ),
        (
            "the gradients already in .grad before the call were kept: they were added to the new ones. "
            "Start with optimizer.zero_grad() (or model.zero_grad()) BEFORE the first micro-batch.",
            _step_with(model0, make_opt, [g + s for g, s in zip(mean, stale, strict=False)]),
        ),
        (
            "the gradients already in .grad before the call were kept, and the losses were not divided by k. "
            "Clear .grad before the first micro-batch and scale each loss by 1/k.",
            _step_with(model0, make_opt, [g + s for g, s in zip(total, stale, strict=False)]),
        ),
        (
            "the gradients were cleared AFTER accumulating them, just before optimizer.step(): the step saw "
            "zeros. zero_grad goes before the loop, not between backward and step.",
            _step_with(model0, make_opt, [torch.zeros_like(g) for g in mean]),
        ),
    ]
    if N // k != k:
        by_size = list(zip(x.split(k), y.split(k), strict=False))
        split_g = [
            sum(gs) / k
            for gs in zip(*[_grads(copy.deepcopy(model0), loss_fn, xb, yb) for xb, yb in by_size], strict=False)
        ]
        out.append(
            (
                f"torch.split(x, {k}) makes chunks of SIZE {k} ({len(by_size)} of them), not k = {k} "
                "micro-batches: use x.chunk(k), or x.split(len(x) // k).",
                _step_with(model0, make_opt, split_g),
            )
        )
    if k > 1:
        out.append(
            (
                "the optimizer stepped after every micro-batch (k small steps, each on a different "
                "gradient) — accumulate first, step once after the loop.",
                _k_steps(model0, make_opt, loss_fn, chunks, 1.0 / k),
            )
        )
    return out


def _run_one(t, fn, name, cfg, k, rtol, atol):
    make_opt = (lambda ps: torch.optim.SGD(ps, **cfg)) if name == "SGD" else (lambda ps: torch.optim.Adam(ps, **cfg))
    model0, x, y = _problem(t.seed + 17 * k + (0 if name == "SGD" else 1000), t.device)
    loss_fn = nn.CrossEntropyLoss()

    # The full-batch step the accumulation must reproduce, and its loss before the step.
    ref = copy.deepcopy(model0)
    ref_opt = make_opt(ref.parameters())
    ref_opt.zero_grad()
    full_loss = loss_fn(ref(x), y)
    full_loss.backward()
    ref_opt.step()
    expected = _flat(ref)

    model = copy.deepcopy(model0)
    opt = make_opt(model.parameters())
    gen = torch.Generator(device="cpu").manual_seed(t.seed + k)
    stale = [torch.randn(p.shape, generator=gen, dtype=torch.float64).to(t.device) for p in model.parameters()]
    for p, s in zip(model.parameters(), stale, strict=False):
        p.grad = s.clone()  # what a previous backward would leave behind

    steps, events = [], []
    opt.register_step_post_hook(lambda *_: steps.append(1))

    def on_forward(_module, _inputs, output):
        events.append("F")
        if isinstance(output, torch.Tensor) and output.requires_grad:
            output.register_hook(lambda g: events.append("B"))

    model.register_forward_hook(on_forward)

    label = f"{name}, k={k}"
    result = t.call(fn, model, loss_fn, opt, x.clone(), y.clone(), k, step=f"{label}: runs", hint=_hint, budget_s=10)

    t.expect(
        f"{label}: one optimizer step",
        len(steps) == 1,
        "optimizer.step() was never called."
        if not steps
        else f"optimizer.step() ran {len(steps)} times for k = {k} micro-batches; accumulation takes "
        "exactly ONE step, after the loop.",
        kind="value",
    )

    got = _flat(model)
    if not torch.allclose(got, expected, rtol=rtol, atol=atol):
        for message, params in _variants(model0, make_opt, loss_fn, x, y, k, stale):
            if torch.allclose(got, params, rtol=rtol, atol=atol):
                t.fail(f"{label}: parameters after the step", "value", message)
        before = _flat(model0)
        want, have = expected - before, got - before
        if name == "SGD" and want.norm() > 0:
            ratio = float(have @ want / (want @ want))
            if ratio != 0 and torch.allclose(have, ratio * want, rtol=1e-3, atol=1e-9):
                t.fail(
                    f"{label}: parameters after the step",
                    "value",
                    f"your step points the right way but is {ratio:.3g} times the full-batch step: the "
                    f"accumulated gradient must equal the mean-loss gradient of the whole batch — divide "
                    f"each micro-batch's (mean) loss by k = {k}, nothing else.",
                )
        worst = float((got - expected).abs().max())
        t.fail(
            f"{label}: parameters after the step",
            "value",
            f"after your step the parameters differ from one {name} step on the full batch (largest "
            f"difference {worst:.3g}). The accumulated .grad must equal the full batch's gradient: clear "
            "it once, backward each micro-batch's loss / k, then step once.",
        )
    t.passed(f"{label}: parameters after the step", "value", f"equal to one full-batch {name} step (k = {k}).")

    # One graph at a time: each forward is followed by its backward before the next forward.
    order = "".join(events)
    # A model run through model.forward(...) skips hooks: then there is nothing to judge.
    interleaved = not order or (order.count("F") == k and "FF" not in order)
    t.expect(
        f"{label}: one micro-batch graph alive at a time",
        interleaved,
        f"the model ran {k} forward passes before any backward (pass order: {order}): "
        "summing the loss tensors and calling backward once keeps every micro-batch's graph in "
        "memory — as much as the full batch, which is what accumulation is meant to avoid. Call "
        "backward inside the loop, once per micro-batch."
        if "FF" in order
        else f"expected {k} forward passes of the model (one per micro-batch), saw "
        f"{order.count('F')} (pass order: {order}).",
        kind="property",
    )

    t.expect(
        f"{label}: returns the loss as a float",
        isinstance(result, float),
        f"return the full-batch loss as a Python float (sum of loss.item() of the scaled micro-batch "
        f"losses); got {type(result).__name__}.",
        kind="value",
    )
    want_loss = float(full_loss)
    if abs(result - want_loss) > 1e-6 * max(1.0, abs(want_loss)):
        if abs(result - k * want_loss) < 1e-6 * k * max(1.0, abs(want_loss)):
            msg = (
                f"the returned loss is {result:.6g}, k = {k} times the full-batch loss {want_loss:.6g}: "
                "add up the SCALED micro-batch losses (loss / k)."
            )
        else:
            msg = (
                f"the returned loss is {result:.6g}; the mean loss over the whole batch before the step is "
                f"{want_loss:.6g}. Add up every micro-batch's loss / k, not just the last one."
            )
        t.fail(f"{label}: returned loss", "value", msg)
    t.passed(f"{label}: returned loss", "value")


def check(t: Checker) -> None:
    fn = t.function("accumulated_step")
    rtol, atol = t.float_tolerances()
    for name, cfg in OPTIMIZERS:
        for k in KS:
            _run_one(t, fn, name, cfg, k, rtol, atol)
