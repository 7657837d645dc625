"""Checker: diagnose planted learning curves, then measure the learner's regularised model.

Part 1 plants curves, each with a trap for one misreading of the rule: the
last epoch alone (a noisy spike), the minimum of the validation curve instead
of its end, overfitting tested before underfitting, the gap taken the wrong
way round. Part 2 trains the learner's fit_regularised on 150 noisy half-moon
points and measures the train-validation gap and accuracy on 1000 fresh points.
Targets: gap <= 0.30, validation accuracy >= 0.74. The reference (Adam with
weight_decay=1e-2) over 12 seeds: gap 0.195 at worst, validation accuracy
0.767 at worst; the starter's unregularised fit: gap 0.55 to 2.6.
"""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu

TARGET_LOSS, MAX_GAP = 0.5, 0.3
N_TRAIN, N_VAL, FLIP = 150, 1000, 0.15
GAP_TARGET, ACC_TARGET = 0.30, 0.74
LABELS = ("underfitting", "overfitting", "good")


def _decay(n, start, end, rate):
    return end + (start - end) * np.exp(-rate * np.arange(n))


def planted(rng):
    """(name, train, val, expected, what a wrong reading says and why)."""
    n = 30
    e = np.arange(n)

    def noise():
        return rng.normal(size=n) * 0.01

    cases = []
    cases.append(
        (
            "both losses stay high",
            _decay(n, 2.0, 1.1, 0.2) + noise(),
            _decay(n, 2.1, 1.2, 0.2) + noise(),
            "underfitting",
            "the training loss ends near 1.1, above target_loss 0.5: the model cannot fit even the data it trains on.",
        )
    )
    cases.append(
        (
            "high training loss AND a gap",
            _decay(n, 2.0, 0.9, 0.2) + noise(),
            _decay(n, 2.1, 1.5, 0.2) + noise(),
            "underfitting",
            "the training loss (~0.9) is above target_loss, so this is underfitting FIRST — test "
            "it before the gap: a model that cannot fit its training data needs capacity, not regularisation.",
        )
    )
    train = _decay(n, 1.5, 0.05, 0.25) + noise()
    val = _decay(n, 1.6, 0.2, 0.35) + 0.04 * np.maximum(e - 8, 0) + noise()
    cases.append(
        (
            "validation dips, then rises",
            train,
            val,
            "overfitting",
            f"the validation loss ENDS near {val[-5:].mean():.2f} while the training loss ends near 0.05; its "
            f"minimum ({val.min():.2f}, at epoch {int(val.argmin())}) is history — judge the final epochs, "
            "not the best one.",
        )
    )
    cases.append(
        (
            "validation flat, far above training",
            _decay(n, 1.2, 0.02, 0.3) + noise(),
            _decay(n, 1.3, 0.6, 0.3) + noise(),
            "overfitting",
            "validation − training ≈ 0.58 > max_gap: overfitting shows as a gap, even when the validation "
            "loss is not rising.",
        )
    )
    cases.append(
        (
            "a good fit",
            _decay(n, 1.5, 0.25, 0.3) + noise(),
            _decay(n, 1.6, 0.35, 0.3) + noise(),
            "good",
            "training ≈ 0.25 ≤ 0.5 and the gap ≈ 0.1 ≤ 0.3.",
        )
    )
    val = _decay(n, 1.6, 0.35, 0.3) + noise()
    val[-1] += 0.6
    cases.append(
        (
            "a good fit with one noisy last epoch",
            _decay(n, 1.5, 0.25, 0.3) + noise(),
            val,
            "good",
            "one spike in the last epoch (0.95) must not decide: the mean of the last 5 validation losses is "
            "about 0.47, a gap of about 0.22 ≤ 0.3 — average the last 5 epochs.",
        )
    )
    return cases


def moons(rng, n):
    y = rng.integers(0, 2, n)
    t = rng.uniform(0, np.pi, n)
    x = np.where(y[:, None] == 0, np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.5 - np.sin(t)])
    x = x + rng.normal(size=(n, 2)) * 0.15
    noisy = np.where(rng.random(n) < FLIP, 1 - y, y)
    return x.astype(np.float32), noisy.astype(np.int64)


def check(t: Checker) -> None:
    diagnose = t.function("diagnose")
    fit_regularised = t.function("fit_regularised")
    single_thread_on_cpu(t)

    for name, train, val, expected, why in planted(t.rng):
        train_list, val_list = [float(v) for v in train], [float(v) for v in val]
        got = t.call(diagnose, train_list, val_list, TARGET_LOSS, MAX_GAP)
        step = f"diagnose: {name}"
        if got not in LABELS:
            t.fail(step, "value", f"diagnose returned {got!r}; return exactly one of {', '.join(map(repr, LABELS))}.")
        if expected == "overfitting" and got == "good":
            why += " (And is the gap computed as training − validation? It is validation − training.)"
        t.expect(step, got == expected, f"expected {expected!r}, got {got!r}: {why}")

    rng = np.random.default_rng(t.seed)
    X, y = moons(rng, N_TRAIN)
    Xv, yv = moons(rng, N_VAL)
    dev = t.device
    X_t, y_t = torch.tensor(X, device=dev), torch.tensor(y, device=dev)
    Xv_t, yv_t = torch.tensor(Xv, device=dev), torch.tensor(yv, device=dev)
    torch.manual_seed(t.seed)
    model = t.call(
        fit_regularised,
        X_t.clone(),
        y_t.clone(),
        budget_s=max(5.0, min(30.0, t.time_left() - 3)),
        hint="fit_regularised gets X (n, 2) float32 and y (n,) int64 on the check's device.",
    )
    t.expect(
        "fit_regularised returns an nn.Module",
        isinstance(model, nn.Module),
        f"fit_regularised returned {type(model).__name__}; return the trained model.",
        kind="run",
    )
    model.eval()
    with torch.no_grad():
        out = t.call(model, Xv_t, step="the model runs on (1000, 2) inputs")
        t.expect_array("logits: shape and device", out, shape=(N_VAL, 2), tensor=True, device=dev)
        train_out = model(X_t)
        train_loss = float(F.cross_entropy(train_out, y_t))
        val_loss = float(F.cross_entropy(out, yv_t))
        train_acc = float((train_out.argmax(1) == y_t).float().mean())
        val_acc = float((out.argmax(1) == yv_t).float().mean())
    gap = val_loss - train_loss
    numbers = (
        f"training loss {train_loss:.3f} (accuracy {train_acc:.3f}), validation loss {val_loss:.3f} "
        f"(accuracy {val_acc:.3f}), gap {gap:.3f}"
    )
    t.note(numbers)
    if not np.isfinite(gap):
        t.fail("the gap is closed", "convergence", f"the losses are not finite: {numbers}")
    t.expect(
        "the gap is closed",
        gap <= GAP_TARGET,
        f"still overfitting: {numbers}; the target is a gap ≤ {GAP_TARGET}. "
        + (
            f"It fits its training labels far better than new data (accuracy {train_acc:.2f} vs {val_acc:.2f}): "
            "it memorises the 15% flipped labels. "
            if train_acc > val_acc + 0.08
            else ""
        )
        + "Regularise harder (weight_decay ~1e-2 with Adam, a smaller network, fewer steps, dropout).",
        kind="convergence",
        gap=gap,
        target=GAP_TARGET,
    )
    t.expect(
        "validation accuracy holds up",
        val_acc >= ACC_TARGET,
        f"the gap is closed but the model no longer learns enough: {numbers}; validation accuracy must be "
        f"≥ {ACC_TARGET}. Too much regularisation turns overfitting into underfitting — back off a little "
        "(smaller weight decay, a bit more capacity or more steps).",
        kind="convergence",
        accuracy=val_acc,
        target=ACC_TARGET,
    )
