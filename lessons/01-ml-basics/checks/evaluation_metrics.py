"""Checker: mse, accuracy, precision, recall — including the empty cases."""

import _common
import numpy as np

from tutor.checks import Checker

SWAPPED = "you computed recall: TP / (TP + FN). Precision divides by what was *predicted* positive: TP / (TP + FP)."
ALL_MATCHES = (
    "your TP counts every correct label (y_true == y_pred), the correct 0s included; a true positive "
    "is a sample predicted 1 that is 1: (y_pred == 1) & (y_true == 1)."
)
SWAPPED_R = "you computed precision: TP / (TP + FP). Recall divides by what is *actually* positive: TP / (TP + FN)."


def _counts(y, p):
    tp = int(np.sum((p == 1) & (y == 1)))
    fp = int(np.sum((p == 1) & (y == 0)))
    fn = int(np.sum((p == 0) & (y == 1)))
    tn = int(np.sum((p == 0) & (y == 0)))
    return tp, fp, fn, tn


def _zero_division_hint(exc):
    if isinstance(exc, ZeroDivisionError):
        return (
            "nothing to divide by here (no predicted positives, or no actual positives): return 0.0 "
            "in that case instead of dividing."
        )
    return None


def check(t: Checker) -> None:
    with t.part("mse"):
        f = t.function("mse")
        y = t.rng.normal(3.0, 2.0, 25)
        p = y + t.rng.normal(0.5, 1.0, 25)
        d = p - y
        t.expect_scalar(
            "mse of 25 predictions",
            t.call(f, y.copy(), p.copy()),
            float(np.mean(d**2)),
            rtol=1e-9,
            batch=25,
            mistakes={
                "that is the RMSE (the square root of the MSE).": float(np.sqrt(np.mean(d**2))),
                "that is the mean absolute error; square the differences.": float(np.mean(np.abs(d))),
                "that is the sum of squared errors; the mean divides by N.": float(np.sum(d**2)),
                "you squared the mean difference; square each difference, then average.": float(np.mean(d) ** 2),
            },
        )

    y = np.array([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    p = np.array([1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    order = t.rng.permutation(y.size)
    y, p = y[order], p[order]
    tp, fp, fn, tn = _counts(y, p)  # 3, 1, 4, 12
    with t.part("accuracy"):
        f = t.function("accuracy")
        t.expect_scalar(
            "accuracy (15 of 20 right)",
            t.call(f, y.copy(), p.copy()),
            (tp + tn) / y.size,
            rtol=1e-9,
            mistakes={
                "that is a count; accuracy is the *fraction* correct (divide by the number of samples).": float(
                    tp + tn
                ),
                "that is a percentage; return a fraction in [0, 1].": 100.0 * (tp + tn) / y.size,
                "you counted only the correct positives; accuracy counts every correct label, 0s included.": tp
                / y.size,
            },
        )
    with t.part("precision"):
        f = t.function("precision")
        t.expect_scalar(
            "precision (TP=3, FP=1, FN=4)",
            t.call(f, y.copy(), p.copy(), hint=_zero_division_hint),
            tp / (tp + fp),
            rtol=1e-9,
            mistakes={
                SWAPPED: tp / (tp + fn),
                "that is accuracy; precision looks only at the samples predicted positive.": (tp + tn) / y.size,
                "you divided TP by all samples; precision divides by the predicted positives, TP + FP.": tp / y.size,
                ALL_MATCHES: (tp + tn) / (tp + tn + fp),
                f"{ALL_MATCHES} (Precision is TP / (TP + FP).)": (tp + tn) / (tp + fp),
            },
        )
        none = np.zeros_like(p)
        got = t.call(f, y.copy(), none, hint=_zero_division_hint, step="no positive predictions: runs")
        value = _common.as_float(got)
        t.expect(
            "no positive predictions -> 0.0",
            value == 0.0,
            f"with no positive predictions, TP + FP = 0 and the ratio is 0/0; you returned {got!r}. "
            "Guard it: return 0.0 when nothing is predicted positive."
            + (" (NaN comes from dividing NumPy integers by zero.)" if np.isnan(value) else ""),
        )
        _random_trials(t, f, t.reference.precision, "precision")
    with t.part("recall"):
        f = t.function("recall")
        t.expect_scalar(
            "recall (TP=3, FP=1, FN=4)",
            t.call(f, y.copy(), p.copy(), hint=_zero_division_hint),
            tp / (tp + fn),
            rtol=1e-9,
            mistakes={
                SWAPPED_R: tp / (tp + fp),
                "you divided TP by all samples; recall divides by the actual positives, TP + FN.": tp / y.size,
                ALL_MATCHES: (tp + tn) / (tp + tn + fn),
                f"{ALL_MATCHES} (Recall is TP / (TP + FN).)": (tp + tn) / (tp + fn),
            },
        )
        negatives = np.zeros_like(y)
        got = t.call(f, negatives, p.copy(), hint=_zero_division_hint, step="no actual positives: runs")
        value = _common.as_float(got)
        t.expect(
            "no actual positives -> 0.0",
            value == 0.0,
            f"with no positives in y_true, TP + FN = 0 and the ratio is 0/0; you returned {got!r}. "
            "Guard it: return 0.0 when there is nothing to find.",
        )
        _random_trials(t, f, t.reference.recall, "recall")


def _random_trials(t: Checker, f, ref, name):
    for trial in range(30):
        n = int(t.rng.integers(5, 40))
        y = (t.rng.random(n) < t.rng.uniform(0.1, 0.9)).astype(np.int64)
        p = (t.rng.random(n) < t.rng.uniform(0.1, 0.9)).astype(np.int64)
        got = _common.as_float(t.call(f, y.copy(), p.copy()))
        want = ref(y, p)
        if not abs(got - want) <= 1e-9:
            tp, fp, fn, tn = _counts(y, p)
            t.fail(
                f"{name} on 30 random label vectors",
                "value",
                f"trial {trial}: TP={tp}, FP={fp}, FN={fn}, TN={tn} gives {name} {want:.6g}, you returned {got:.6g}.",
                y_true=y.tolist(),
                y_pred=p.tolist(),
            )
    t.passed(f"{name} on 30 random label vectors", "value")
