"""Checker: warm-up + cosine and step decay vs torch.optim.lr_scheduler, rate for rate.

The references are produced by torch itself: an SGD optimizer on one dummy parameter, the scheduler
stepped after every optimizer step (warm-up + cosine, via SequentialLR) or after every epoch
(StepLR), and the learning rate read from param_groups before each optimizer step. On a mismatch
the learner's sequence is compared with the classic wrong versions — warm-up off by one, warm-up
from zero, the cosine spread over the whole run, StepLR stepped every batch, ... — to name it.
Configurations include the boundaries: one warm-up step, one step per epoch.
"""

import ast
import math
import warnings

import numpy as np
import torch
from torch.optim import lr_scheduler

from tutor.checks import Checker

WARMUP_CONFIGS = [  # base_lr, warmup_steps, total_steps, start_factor, eta_min
    (0.1, 5, 30, 0.1, 0.0),
    (0.3, 8, 50, 0.01, 1e-3),
    (0.05, 1, 10, 0.5, 0.0),
]
STEP_CONFIGS = [  # base_lr, step_size, gamma, epochs, steps_per_epoch
    (0.1, 3, 0.5, 10, 4),
    (1.0, 2, 0.1, 7, 3),
    (0.2, 4, 0.3, 9, 1),
]


def _optimizer(base_lr):
    return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)


def torch_warmup_cosine(base_lr, warmup_steps, total_steps, start_factor, eta_min=0.0):
    opt = _optimizer(base_lr)
    sched = lr_scheduler.SequentialLR(
        opt,
        [
            lr_scheduler.LinearLR(opt, start_factor=start_factor, end_factor=1.0, total_iters=warmup_steps),
            lr_scheduler.CosineAnnealingLR(opt, T_max=total_steps - warmup_steps, eta_min=eta_min),
        ],
        milestones=[warmup_steps],
    )
    out = []
    for _ in range(total_steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


def torch_step_decay(base_lr, step_size, gamma, epochs, steps_per_epoch):
    opt = _optimizer(base_lr)
    sched = lr_scheduler.StepLR(opt, step_size=step_size, gamma=gamma)
    out = []
    for _ in range(epochs):
        for _ in range(steps_per_epoch):
            out.append(opt.param_groups[0]["lr"])
            opt.step()
        sched.step()
    return out


def _warmup_variants(base, w, total, s, eta):
    def seq(warm, cos):
        return [warm(i) if i < w else cos(i) for i in range(total)]

    def lin(i, frac):
        return base * (s + (1 - s) * frac)

    def cos(progress):
        return eta + (base - eta) * (1 + math.cos(math.pi * progress)) / 2

    t_max = total - w
    right_warm, right_cos = (lambda i: lin(i, i / w)), (lambda i: cos((i - w) / t_max))
    out = [
        (
            "the warm-up is one step ahead: step i must use start_factor + (1 − start_factor)·i/warmup_steps with "
            "i counting from 0, so the very first rate is base_lr·start_factor and the peak comes at step "
            "warmup_steps, not warmup_steps − 1.",
            seq(lambda i: lin(i, (i + 1) / w), right_cos),
        ),
        (
            "the warm-up starts at zero: LinearLR starts at base_lr·start_factor, not 0.",
            seq(lambda i: base * i / w, right_cos),
        ),
        (
            "the cosine is spread over all total_steps: CosineAnnealingLR gets T_max = total_steps − warmup_steps, "
            "the steps left after the warm-up.",
            seq(right_warm, lambda i: cos((i - w) / total)),
        ),
        (
            "the cosine's clock did not restart after the warm-up: its phase is (i − warmup_steps)/T_max, "
            "so the decay begins at the peak.",
            seq(right_warm, lambda i: cos(i / t_max)),
        ),
        (
            "the cosine is one step late or early: at step warmup_steps the rate must be exactly base_lr "
            "(phase 0), then cos(π·(i − warmup_steps)/T_max).",
            seq(right_warm, lambda i: cos((i - w + 1) / t_max)),
        ),
        (
            "eta_min was ignored: the cosine runs from base_lr down to eta_min, "
            "eta_min + (base_lr − eta_min)·(1 + cos(π·t/T_max))/2.",
            seq(right_warm, lambda i: base * (1 + math.cos(math.pi * (i - w) / t_max)) / 2),
        ),
        (
            "the cosine runs upward: after the warm-up the rate must FALL from base_lr to eta_min, "
            "eta_min + (base_lr − eta_min)·(1 + cos(π·t/T_max))/2 — with (1 − cos)/2 it climbs instead.",
            seq(right_warm, lambda i: eta + (base - eta) * (1 - math.cos(math.pi * (i - w) / t_max)) / 2),
        ),
        (
            "the warm-up ramps from eta_min: eta_min belongs to the cosine only. LinearLR multiplies base_lr by "
            "start_factor + (1 − start_factor)·i/warmup_steps, nothing else.",
            seq(lambda i: eta + (base - eta) * (s + (1 - s) * i / w), right_cos),
        ),
    ]
    if w > 1:
        out.append(
            (
                "the warm-up never rises: i // warmup_steps is 0 for every warm-up step (integer division). "
                "Use true division, i / warmup_steps.",
                seq(lambda i: lin(i, i // w), right_cos),
            )
        )
        out.append(
            (
                "the warm-up divides by warmup_steps − 1 (it reaches base_lr one step early); LinearLR's "
                "factor is start_factor + (1 − start_factor)·i/warmup_steps.",
                seq(lambda i: lin(i, i / (w - 1)), right_cos),
            )
        )
    if t_max > 1:
        out.append(
            (
                "the cosine reaches eta_min at the last step; CosineAnnealingLR only gets there one step "
                "after the run: phase (i − warmup_steps)/T_max, not /(T_max − 1).",
                seq(right_warm, lambda i: cos((i - w) / (t_max - 1))),
            )
        )
    return out


def _step_variants(base, size, gamma, epochs, per):
    total = epochs * per
    return [
        (
            "the rate decays by optimizer STEP, not by epoch: StepLR's step_size counts scheduler.step() calls, "
            "and this schedule calls it once per epoch — every batch of an epoch shares one rate.",
            [base * gamma ** (i // size) for i in range(total)],
        ),
        (
            "the decay comes one epoch early: epoch e (from 0) uses base_lr·gamma^(e // step_size).",
            [base * gamma ** ((e + 1) // size) for e in range(epochs) for _ in range(per)],
        ),
        (
            "the rate decays every epoch: gamma is applied once every step_size epochs, base_lr·gamma^(e // step_size).",
            [base * gamma**e for e in range(epochs) for _ in range(per)],
        ),
    ]


def _as_rates(t, got, n, label):
    try:
        arr = np.asarray(got, dtype=np.float64).reshape(-1) if np.ndim(got) <= 1 else None
    except (TypeError, ValueError):
        arr = None
    if arr is None or np.ndim(got) != 1:
        t.fail(
            f"{label}: a sequence of {n} numbers",
            "shape",
            f"expected a flat list of {n} learning rates, got {type(got).__name__}.",
        )
    odd = next((r for r in got if not isinstance(r, float)), None) if np.ndim(got) == 1 else None
    if odd is not None:
        detail = (
            " float32 keeps about 7 digits, so 0.01 comes back as 0.0099999998."
            if isinstance(odd, np.floating | torch.Tensor)
            and getattr(odd, "dtype", None) in (np.float32, torch.float32)
            else ""
        )
        t.fail(
            f"{label}: Python floats",
            "value",
            f"the rates are {type(odd).__module__}.{type(odd).__name__} values, not Python floats.{detail} Return a "
            "plain list of float(rate) values, as the task asks.",
        )
    if len(arr) != n:
        extra = (
            " One rate per optimizer step: the list starts with the rate of step 0 and has no entry after "
            "the last step."
            if abs(len(arr) - n) == 1
            else ""
        )
        t.fail(f"{label}: a sequence of {n} numbers", "shape", f"got {len(arr)} rates, expected {n}.{extra}")
    return arr


def _compare(t, label, got, want, variants):
    got, want = np.asarray(got), np.asarray(want)
    if np.allclose(got, want, rtol=1e-9, atol=1e-12):
        t.passed(label, "value", f"{len(want)} rates equal to torch's")
        return
    for message, wrong in variants:
        if np.allclose(got, wrong, rtol=1e-9, atol=1e-12):
            t.fail(label, "value", message)
    i = int(np.argmax(~np.isclose(got, want, rtol=1e-9, atol=1e-12)))
    t.fail(label, "value", f"step {i} (counting from 0): expected {want[i]:.6g}, got {got[i]:.6g}.", step=i)


def _uses_lr_scheduler(t):
    """Whether the learner's code (not its comments or docstrings) touches torch.optim.lr_scheduler."""
    try:
        tree = ast.parse(t.learner_file.read_text(encoding="utf-8"))
    except (AttributeError, OSError, SyntaxError, ValueError):
        return False
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Attribute):
            names = [node.attr]
        elif isinstance(node, ast.Name):
            names = [node.id]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] + [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        if any("lr_scheduler" in name for name in names):
            return True
    return False


def check(t: Checker) -> None:
    warmup_cosine = t.function("warmup_cosine")
    step_decay = t.function("step_decay")
    t.expect(
        "the rates are computed, not borrowed",
        not _uses_lr_scheduler(t),
        "your file uses torch.optim.lr_scheduler; the exercise is to write the schedules as formulas yourself.",
        kind="run",
    )
    warnings.simplefilter("ignore")  # SequentialLR's deprecation chatter is not the learner's business
    for cfg in WARMUP_CONFIGS:
        base, w, total, s, eta = cfg
        label = f"warmup_cosine(base_lr={base}, warmup_steps={w}, total_steps={total}, start_factor={s}, eta_min={eta})"
        with t.part(label):
            got = _as_rates(t, t.call(warmup_cosine, *cfg, step=f"{label} runs"), total, label)
            _compare(t, label, got, torch_warmup_cosine(*cfg), _warmup_variants(*cfg))
    for cfg in STEP_CONFIGS:
        base, size, gamma, epochs, per = cfg
        label = f"step_decay(base_lr={base}, step_size={size}, gamma={gamma}, epochs={epochs}, steps_per_epoch={per})"
        with t.part(label):
            got = _as_rates(t, t.call(step_decay, *cfg, step=f"{label} runs"), epochs * per, label)
            _compare(t, label, got, torch_step_decay(*cfg), _step_variants(*cfg))
