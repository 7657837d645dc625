"""Helpers shared by the 03-cnns checkers: NumPy references, named shape errors, time budgets.

Everything here is the checker's own code, written independently of the
reference solutions, so a check never trusts the code it is meant to judge.
"""

from __future__ import annotations

import contextlib
import signal
import time
import types
from collections.abc import Iterator

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


# ---- guards ------------------------------------------------------------------
def numpy_only(t) -> None:
    """Fail if the learner's module pulled in torch (the checker may use it, the learner may not)."""
    for name, value in vars(t.learner).items():
        if name.startswith("__"):
            continue
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        if isinstance(module, str) and (module == "torch" or module.startswith("torch.")):
            t.fail("NumPy only", "run",
                   f"your file imports PyTorch (`{name}`). This exercise builds the operation from "
                   "NumPy; PyTorch is only the checker's yardstick. Remove the torch import.")
    t.passed("NumPy only", "run")


def expect_named_shape(t, name: str, got, shape: tuple, known: dict[tuple, str] | None = None,
                       *, tensor: bool = False) -> None:
    """Exact shape, but a wrong shape that a known mistake produces is named by that mistake."""
    got_shape = getattr(got, "shape", None)
    if got_shape is not None and tuple(got_shape) != tuple(shape):
        for wrong, message in (known or {}).items():
            if tuple(got_shape) == tuple(wrong) and tuple(wrong) != tuple(shape):
                t.fail(name, "shape", f"expected shape {tuple(shape)}, got {tuple(got_shape)}: {message}",
                       expected=list(shape), got=list(got_shape))
    t.expect_shape(name, got, tuple(shape), tensor=tensor)


class TooSlow(BaseException):
    """Raised inside learner code when a time budget runs out (not an Exception, so it is not
    reported as a crash of the learner's code but handled by the checker)."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Interrupt the enclosed Python code after `seconds` of wall time with TooSlow."""
    def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
        raise TooSlow()

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed_call(t, fn, *args, budget: float, step: str):
    """(result, seconds) of a learner call, or None if it ran past `budget` seconds."""
    start = time.perf_counter()
    try:
        with time_budget(budget):
            result = t.call(fn, *args, step=step)
    except TooSlow:
        return None
    return result, time.perf_counter() - start


# ---- convolution ---------------------------------------------------------------
def out_size(n: int, k: int, s: int = 1, p: int = 0) -> int:
    return (n + 2 * p - k) // s + 1


def pad(x: np.ndarray, p: int) -> np.ndarray:
    return np.pad(x, ((0, 0), (0, 0), (p, p), (p, p))) if p else x


def windows(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """(N, C, H_out, W_out, kh, kw) view of every window the kernel visits."""
    view = sliding_window_view(pad(x, padding), (kh, kw), axis=(2, 3))
    return view[:, :, ::stride, ::stride]


def conv2d(x, w, b, stride=1, padding=0):
    """Cross-correlation in float64 (what torch's conv2d computes)."""
    win = windows(np.asarray(x, np.float64), w.shape[2], w.shape[3], stride, padding)
    return np.einsum("nchwij,ocij->nohw", win, w, optimize=True) + np.asarray(b)[None, :, None, None]


def conv2d_window_start_ignores_stride(x, w, b, stride, padding):
    """Right output size, but window i starts at i (stride used only for the size)."""
    full = conv2d(x, w, b, 1, padding)
    ho = out_size(x.shape[2], w.shape[2], stride, padding)
    wo = out_size(x.shape[3], w.shape[3], stride, padding)
    return full[:, :, :ho, :wo]


def conv2d_last_channel_only(x, w, b, stride, padding):
    """`out[...] = ...` inside a loop over input channels: only the last channel survives."""
    c = x.shape[1] - 1
    return conv2d(x[:, c:c + 1], w[:, c:c + 1], b, stride, padding)


def conv2d_full_backward(dout, x, w, stride=1, padding=0, step=None):
    """(dx, dw, db) of L = sum(conv2d(x, w, b) * dout), float64, by scattering each window.

    `step` (default: the stride) is where window (i, j) starts: (i*step, j*step).
    step=1 with stride>1 reproduces a backward pass that forgot the stride.
    """
    step = stride if step is None else step
    dout = np.asarray(dout, np.float64)
    xp = pad(np.asarray(x, np.float64), padding)
    _, _, kh, kw = w.shape
    ho, wo = dout.shape[2], dout.shape[3]
    dxp = np.zeros_like(xp)
    dw = np.zeros(w.shape)
    for a in range(kh):
        for d in range(kw):
            # kernel tap (a, d) met xp[:, :, a + step*i, d + step*j] for output (i, j)
            rows = slice(a, a + step * (ho - 1) + 1, step)
            cols = slice(d, d + step * (wo - 1) + 1, step)
            dxp[:, :, rows, cols] += np.einsum("noij,oc->ncij", dout, w[:, :, a, d])
            dw[:, :, a, d] = np.einsum("noij,ncij->oc", dout, xp[:, :, rows, cols])
    db = dout.sum(axis=(0, 2, 3))
    dx = dxp[:, :, padding:padding + x.shape[2], padding:padding + x.shape[3]]
    return dx, dw, db


# ---- pooling -------------------------------------------------------------------
def maxpool(x, size, stride):
    return windows(np.asarray(x, np.float64), size, size, stride).max(axis=(4, 5))


def avgpool(x, size, stride):
    return windows(np.asarray(x, np.float64), size, size, stride).mean(axis=(4, 5))


def coverage(hw: tuple[int, int], kh: int, kw: int, stride: int, padding: int,
             out_hw: tuple[int, int]) -> np.ndarray:
    """How many windows touch each input pixel (H, W)."""
    h, w = hw
    cover = np.zeros((h + 2 * padding, w + 2 * padding), dtype=int)
    for a in range(kh):
        for d in range(kw):
            cover[a:a + stride * (out_hw[0] - 1) + 1:stride, d:d + stride * (out_hw[1] - 1) + 1:stride] += 1
    return cover[padding:padding + h, padding:padding + w]


def overlap_diagnosis(t, name: str, dx, dx_true, cover: np.ndarray) -> None:
    """Name the `=` instead of `+=` bug: right where one window covers a pixel, wrong where several do."""
    if not isinstance(dx, np.ndarray) or dx.shape != dx_true.shape or not np.all(np.isfinite(dx)):
        return
    wrong = np.abs(dx - dx_true) > 1e-6 * (1 + np.abs(dx_true))
    single, multi = cover == 1, cover > 1
    if single.any() and multi.any() and not wrong[:, :, single].any() and wrong[:, :, multi].any():
        t.fail(name, "gradient",
               "dx is right where a single window covers the input and wrong wherever windows "
               "overlap: a pixel used by several windows collects a gradient from each of them — "
               "accumulate with `+=`, do not assign with `=`.")


# ---- torch training helpers (imported lazily: most checkers here are NumPy only) -----------
def single_thread_on_cpu(t) -> None:
    """Small models train faster and far more predictably on one thread when cores are shared."""
    if not t.on_gpu:
        import torch

        torch.set_num_threads(1)


def forward(t, model, x, name: str, what: str = "the input"):
    """model(x) without autograd; a shape error in a Linear layer gets an explanation."""
    import torch

    from tutor.checks.core import describe_exception

    try:
        with torch.no_grad():
            return model(x)
    except NotImplementedError:
        pass  # let t.call below word it
    except Exception as exc:  # noqa: BLE001 - learner code may raise anything
        summary, details = describe_exception(exc, t.learner_file)
        if "mat1 and mat2 shapes cannot be multiplied" in str(exc):
            t.fail(name, "run", f"{summary}. A Linear layer's in_features must equal the number of "
                   f"features reaching it: for {what}, C·H·W of the last feature map after Flatten. "
                   "Work it out with the output-size formula, or print x.shape just before the Linear.",
                   **details)
        t.fail(name, "run", summary, **details)
    return t.call(model, x, step=name)


def probe_train_step(t, model, train_step, xb, yb, loss_fn, *, loss_name: str, lr: float = 0.1,
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
