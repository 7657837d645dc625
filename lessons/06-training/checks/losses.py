"""Checker: mse_loss, bce_with_logits and cross_entropy (with label smoothing) vs torch.nn.functional.

Each loss in its own part: all three reductions on ordinary inputs, then the stress cases —
logits of ±1000 must give the exact (huge or tiny) loss, neither inf/NaN (exp overflow, log(0))
nor a capped value (probabilities clipped before the log). Label smoothing is torch's:
(1 − ε)·one_hot + ε/C, and the usual variants of it (ε/(C−1), no (1 − ε)) are named.
"""

import numpy as np
import torch
import torch.nn.functional as F

from tutor.checks import Checker

REDUCTIONS = ("mean", "sum", "none")


def _t(a, dtype=torch.float64):
    return torch.tensor(np.asarray(a), dtype=dtype)


def _expect(t, name, got, want, *, mistakes=None, batch=None):
    """A reduced loss is one number; 'none' is an array of the exact shape."""
    want = want.detach().numpy()
    dtype = getattr(got, "dtype", None)
    if dtype is not None and np.issubdtype(dtype, np.floating) and dtype != np.float64:
        t.fail(
            name,
            "value",
            f"the loss came back as {dtype}: the task asks for float64 out of float64 in. Casting to {dtype} "
            "keeps only ~7 significant digits, and a loss is compared to 1e-7.",
        )
    if want.ndim == 0:
        t.expect_scalar(
            name,
            got,
            float(want),
            rtol=1e-7,
            atol=1e-9,
            batch=batch,
            mistakes={k: float(np.asarray(v)) for k, v in (mistakes or {}).items()},
        )
    else:
        t.expect_close(name, got, want, rtol=1e-7, atol=1e-9, mistakes=mistakes)


def _check_raises(t, fn, args, name):
    step = f"{name}: an unknown reduction raises ValueError"
    try:
        fn(*args, reduction="average")
    except ValueError:
        t.passed(step, "property")
        return
    except Exception as exc:  # noqa: BLE001 - learner code may raise anything
        t.fail(
            step,
            "property",
            f"reduction='average' raised {type(exc).__name__}: {exc}; raise "
            "ValueError for anything but 'mean', 'sum' and 'none'.",
        )
    t.fail(
        step,
        "property",
        "reduction='average' returned a value; a typo must not silently pick a "
        "reduction — raise ValueError for anything but 'mean', 'sum' and 'none'.",
    )


def _not_capped(t, name, got, want):
    """Finite but far too small where the true loss is huge: probabilities clipped before the log."""
    got = np.asarray(got, dtype=np.float64)
    if got.shape == want.shape and np.all(np.isfinite(got)):
        big = want > 50
        if np.any(big) and np.any(got[big] < 0.5 * want[big]):
            i = int(np.argmax(big & (got < 0.5 * want)))
            t.fail(
                name,
                "value",
                f"a confidently wrong logit should cost {want[i]:.6g}, you report {got[i]:.6g}: "
                "the loss is capped, as it is when probabilities are clipped (np.clip(p, eps, 1 - eps)) or an "
                "eps is added inside the log. Work from the logits instead: log σ(x) = -softplus(-x), and "
                "log-softmax = x - m - log Σ exp(x - m).",
                index=i,
            )


def check_mse(t, mse):
    pred, target = t.rng.normal(size=(5, 3)), t.rng.normal(size=(5, 3))
    for red in REDUCTIONS:
        want = F.mse_loss(_t(pred), _t(target), reduction=red)
        got = t.call(mse, pred.copy(), target.copy(), reduction=red, step=f"mse_loss(reduction={red!r}) runs")
        diff = pred - target
        mistakes = {
            "that is half the squared error (the ½ some textbooks add for a neat derivative); "
            "torch's MSE has no ½.": _reduced(0.5 * diff**2, red),
            "that is the absolute error (L1), not the squared error.": _reduced(np.abs(diff), red),
        }
        if red == "mean":
            mistakes["that is the root of the mean squared error (RMSE); MSE has no square root."] = np.sqrt(
                np.mean(diff**2)
            )
            mistakes["you averaged over the last axis only, then summed; 'mean' averages over every element."] = (
                np.mean(diff**2, axis=-1).sum()
            )
        _expect(t, f"mse_loss, reduction={red!r}", got, want, batch=diff.size, mistakes=mistakes)
    _check_raises(t, mse, (pred, target), "mse_loss")


def _reduced(loss, red):
    return loss if red == "none" else (loss.sum() if red == "sum" else loss.mean())


def check_bce(t, bce):
    x = t.rng.normal(size=(4, 5)) * 3
    for targets, what in (
        (t.rng.integers(0, 2, size=x.shape).astype(np.float64), "0/1 targets"),
        (t.rng.uniform(size=x.shape), "soft targets"),
    ):
        for red in REDUCTIONS:
            want = F.binary_cross_entropy_with_logits(_t(x), _t(targets), reduction=red)
            got = t.call(bce, x.copy(), targets.copy(), reduction=red, step=f"bce_with_logits({what}, {red!r}) runs")
            sp = np.logaddexp(0, x)
            _expect(
                t,
                f"bce_with_logits, {what}, reduction={red!r}",
                got,
                want,
                batch=x.size,
                mistakes={
                    "you computed the loss for the opposite target (1 − z): the term is -z·x, so a positive logit "
                    "with target 1 must cost little.": _reduced(sp - (1 - targets) * x, red),
                    "the loss is negated: BCE = log(1 + e^x) − z·x is never negative.": _reduced(
                        -(sp - targets * x), red
                    ),
                    "the z·x term has the wrong sign: BCE = log(1 + e^x) − z·x (you added z·x), so a positive logit "
                    "with target 1 must cost LESS than with target 0.": _reduced(sp + targets * x, red),
                },
            )
    x_big = np.array([1000.0, -1000.0, 800.0, -800.0, 40.0, -40.0, 0.0, 1000.0])
    z_big = np.array([0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.5, 0.3])
    want = F.binary_cross_entropy_with_logits(_t(x_big), _t(z_big), reduction="none").numpy()
    name = "bce_with_logits, logits of ±1000 (exact, finite)"
    with np.errstate(all="ignore"):
        got = t.call(bce, x_big.copy(), z_big.copy(), reduction="none", step=f"{name}: runs")
    arr = np.asarray(got, dtype=np.float64) if isinstance(got, np.ndarray) else None
    if arr is not None and arr.shape == want.shape and not np.all(np.isfinite(arr)):
        i = int(np.argmin(np.isfinite(arr)))
        t.fail(
            name,
            "value",
            f"logit {x_big[i]:g} with target {z_big[i]:g} gave {arr[i]} (expected {want[i]:.6g}): "
            "σ(x) rounds to exactly 0 or 1 and its log is -inf, or exp(1000) overflows in log(1 + e^x). "
            "Use the stable form max(x, 0) - x·z + log1p(exp(-|x|)).",
            index=i,
        )
    _not_capped(t, name, got, want)
    t.expect_close(name, got, want, rtol=1e-7, atol=1e-9)
    _check_raises(t, bce, (x, x * 0), "bce_with_logits")


def _ce_variants(x, y, eps, red):
    logp = torch.log_softmax(_t(x), dim=1).numpy()
    n, c = x.shape
    onehot = np.eye(c)[y]

    def ce(q, logp=logp):
        return _reduced(-(q * logp).sum(axis=1), red)

    q = (1 - eps) * onehot + eps / c
    column_max = x.max(axis=0, keepdims=True)  # the shift taken down each column instead of along each row
    column_logp = x - column_max - np.log(np.exp(x - column_max).sum(axis=1, keepdims=True))
    shift = {
        "the maximum for the log-sum-exp shift was taken over axis 0 (down each column, across samples); take "
        "each row's own maximum, x.max(axis=1, keepdims=True): the same number must be subtracted from every "
        "logit of one sample and added back, or the log-softmax changes.": ce(q, column_logp)
    }
    return shift | (
        {
            "label smoothing as (1 − ε) on the true class and ε/(C − 1) on the others; torch spreads ε over ALL "
            "C classes: q = (1 − ε)·one_hot + ε/C (so the true class gets 1 − ε + ε/C).": ce(
                (1 - eps) * onehot + eps / (c - 1) * (1 - onehot)
            ),
            "the smoothed target keeps the full one-hot: q = (1 − ε)·one_hot + ε/C — the one-hot part is scaled by (1 − ε).": ce(
                onehot + eps / c
            ),
            "the uniform part of the smoothed target is ε/C per class, not ε: q = (1 − ε)·one_hot + ε/C.": ce(
                (1 - eps) * onehot + eps
            ),
            "label_smoothing was ignored: with ε > 0 the target is (1 − ε)·one_hot + ε/C, not the one-hot.": ce(onehot),
        }
        if eps
        else {}
    )


def check_ce(t, ce):
    n, c = 6, 5
    x = t.rng.normal(size=(n, c)) * 3
    y = t.rng.integers(0, c, size=n)
    for eps in (0.0, 0.1):
        for red in REDUCTIONS:
            want = F.cross_entropy(_t(x), _t(y, torch.int64), label_smoothing=eps, reduction=red)
            before = x.copy()
            got = t.call(
                ce, x, y.copy(), label_smoothing=eps, reduction=red, step=f"cross_entropy(ε={eps}, {red!r}) runs"
            )
            t.expect_unchanged("cross_entropy leaves the logits alone", before, x, "cross_entropy")
            x = before
            mistakes = _ce_variants(x, y, eps, red)
            if red == "mean":
                per = F.cross_entropy(_t(x), _t(y, torch.int64), label_smoothing=eps, reduction="none").numpy()
                mistakes[
                    "you averaged over all N·C entries (np.mean of an (N, C) array): sum over the classes, "
                    "average over the samples only."
                ] = per.mean() / c
            _expect(t, f"cross_entropy, ε={eps}, reduction={red!r}", got, want, batch=n, mistakes=mistakes)

    # huge logits, one confidently wrong row, one confidently right
    x_big = np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 999.0], [-500.0, 500.0, 0.0], [1.0, 2.0, 3.0]])
    y_big = np.array([2, 1, 0, 1])
    for eps in (0.0, 0.2):
        name = f"cross_entropy, logits of ±1000, ε={eps}"
        want = F.cross_entropy(_t(x_big), _t(y_big, torch.int64), label_smoothing=eps, reduction="none").numpy()
        with np.errstate(all="ignore"):
            got = t.call(ce, x_big.copy(), y_big.copy(), label_smoothing=eps, reduction="none", step=f"{name}: runs")
        arr = np.asarray(got, dtype=np.float64) if isinstance(got, np.ndarray) else None
        if arr is not None and arr.shape == want.shape and not np.all(np.isfinite(arr)):
            i = int(np.argmin(np.isfinite(arr)))
            t.fail(
                name,
                "value",
                f"sample {i} gave {arr[i]} (expected {want[i]:.6g}): exp(1000) overflows, or a "
                "probability of exp(-2000) underflows to 0 and log(0) = -inf. Compute log-softmax directly: "
                "x - m - log Σ exp(x - m), m the row maximum.",
                index=i,
            )
        _not_capped(t, name, got, want)
        t.expect_close(name, got, want, rtol=1e-7, atol=1e-9)
    _check_raises(t, ce, (x, y), "cross_entropy")


def check(t: Checker) -> None:
    funcs = {name: t.function(name) for name in ("mse_loss", "bce_with_logits", "cross_entropy")}
    for name, run in (("mse_loss", check_mse), ("bce_with_logits", check_bce), ("cross_entropy", check_ce)):
        with t.part(name):
            run(t, funcs[name])
