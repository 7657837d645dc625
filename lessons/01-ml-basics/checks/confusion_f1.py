"""Checker: the confusion matrix (rows truth, columns prediction), binary F1 with its empty case, macro F1."""

import _common
import numpy as np

from tutor.checks import Checker


def _counts(y, p, positive=1):
    tp = int(np.sum((p == positive) & (y == positive)))
    fp = int(np.sum((p == positive) & (y != positive)))
    fn = int(np.sum((p != positive) & (y == positive)))
    return tp, fp, fn


def _f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0


def _cm(y, p, k):
    return np.array([[int(np.sum((y == i) & (p == j))) for j in range(k)] for i in range(k)], dtype=np.int64)


def check(t: Checker) -> None:
    with t.part("confusion_matrix"):
        _check_confusion(t)
    with t.part("f1_score"):
        _check_f1(t)
    with t.part("macro_f1"):
        _check_macro(t)


def _labels(t, n, k, missing=None):
    y = t.rng.integers(0, k, size=n)
    # predictions: right about 60% of the time, otherwise a random class
    p = np.where(t.rng.random(n) < 0.6, y, t.rng.integers(0, k, size=n))
    if missing is not None:  # a class nobody has and nobody predicts
        y = np.where(y == missing, (missing + 1) % k, y)
        p = np.where(p == missing, (missing + 2) % k, p)
    return y, p


def _check_confusion(t: Checker) -> None:
    f = t.function("confusion_matrix")
    k = 4
    y, p = _labels(t, 50, k)
    want = _cm(y, p, k)
    out = t.call(f, y.copy(), p.copy(), k)
    t.expect_array("4 classes: shape (K, K), integer counts", out, shape=(k, k), dtype_kind="i")
    if int(np.sum(out)) != y.size:
        t.fail(
            "4 classes: counts",
            "value",
            f"your matrix holds {int(np.sum(out))} samples in total, but there are {y.size}: every sample lands "
            "in exactly one cell, [true class, predicted class] — count each one once (np.add.at(cm, (y_true, "
            "y_pred), 1), or a loop over the samples; `cm[y_true, y_pred] += 1` counts a repeated pair only once).",
        )
    t.expect_close(
        "4 classes: counts",
        out,
        want,
        rtol=0,
        atol=0,
        mistakes={
            "the matrix is transposed: rows are the TRUE class and columns the PREDICTED class, so [i, j] counts "
            "samples of class i predicted as j (scikit-learn's layout). Swap your indices.": want.T,
        },
    )
    # A class missing from both arrays, and K larger than any label seen.
    y, p = _labels(t, 40, 5, missing=4)
    out = t.call(f, y.copy(), p.copy(), 5)
    if isinstance(out, np.ndarray) and out.shape == (4, 4):
        t.fail(
            "a class that never appears",
            "shape",
            "class 4 appears in neither array and you returned a 4×4 matrix: the size comes from num_classes, "
            "not from the largest label seen, so that every class keeps its row and column.",
        )
    t.expect_close("a class that never appears", out, _cm(y, p, 5), rtol=0, atol=0)


def _check_f1(t: Checker) -> None:
    f = t.function("f1_score")
    y = np.array([1] * 8 + [0] * 12)
    p = np.array([1, 1, 1, 1, 1, 0, 0, 0] + [1, 1] + [0] * 10)
    order = t.rng.permutation(y.size)
    y, p = y[order], p[order]
    tp, fp, fn = _counts(y, p)  # 5, 2, 3
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    got = t.call(f, y.copy(), p.copy())
    t.expect_scalar(
        "TP=5, FP=2, FN=3",
        got,
        _f1(tp, fp, fn),
        rtol=1e-9,
        mistakes={
            "that is the arithmetic mean (P + R) / 2; F1 is the *harmonic* mean 2PR / (P + R), which stays low "
            "unless both are high.": (precision + recall) / 2,
            "that is the precision, TP / (TP + FP); F1 combines it with recall: 2PR / (P + R).": precision,
            "that is the recall, TP / (TP + FN); F1 combines it with precision: 2PR / (P + R).": recall,
            "that is accuracy; F1 ignores the true negatives: 2TP / (2TP + FP + FN).": float(np.mean(y == p)),
            "the factor 2 is missing: F1 = 2PR / (P + R) (or 2TP / (2TP + FP + FN)), otherwise a perfect model "
            "scores 0.5.": precision * recall / (precision + recall),
            "you counted every correct label as a true positive, the correct 0s included; TP is "
            "(y_pred == 1) & (y_true == 1).": _f1(int(np.sum(y == p)), fp, fn),
        },
    )
    none = np.zeros_like(y)
    with np.errstate(all="ignore"):
        got = t.call(
            f,
            none.copy(),
            none.copy(),
            step="no positives anywhere: runs",
            hint=lambda e: (
                "no positives at all: TP + FP = TP + FN = 0, so F1 is 0/0 — return 0.0 there."
                if isinstance(e, ZeroDivisionError)
                else None
            ),
        )
    value = _common.as_float(got)
    t.expect(
        "no positives anywhere -> 0.0",
        value == 0.0,
        f"with no positives in y_true and none predicted, F1 is 0/0; you returned {got!r}. Guard it: "
        "return 0.0 when 2TP + FP + FN is 0." + (" (NaN comes from 0/0 in NumPy.)" if np.isnan(value) else ""),
    )
    got = t.call(
        f,
        y.copy(),
        np.zeros_like(p),
        step="nothing predicted positive: runs",
        hint=lambda e: (
            "nothing is predicted positive, so precision is 0/0 — take it as 0 (or use "
            "2TP / (2TP + FP + FN), which is only 0/0 when there are no positives at all)."
            if isinstance(e, ZeroDivisionError)
            else None
        ),
    )
    t.expect_scalar("nothing predicted positive -> 0.0", got, 0.0, atol=0, rtol=0)
    for trial in range(25):
        n = int(t.rng.integers(4, 30))
        y = (t.rng.random(n) < 0.4).astype(np.int64)
        p = (t.rng.random(n) < 0.4).astype(np.int64)
        got = _common.as_float(t.call(f, y.copy(), p.copy()))
        want = _f1(*_counts(y, p))
        if not abs(got - want) <= 1e-9:
            tp, fp, fn = _counts(y, p)
            t.fail(
                "F1 on 25 random label vectors",
                "value",
                f"trial {trial}: TP={tp}, FP={fp}, FN={fn} gives F1 = 2·{tp} / (2·{tp} + {fp} + {fn}) = "
                f"{want:.6g}; you returned {got:.6g}.",
                y_true=y.tolist(),
                y_pred=p.tolist(),
            )
    t.passed("F1 on 25 random label vectors", "value")


def _check_macro(t: Checker) -> None:
    f = t.function("macro_f1")
    k = 5
    y, p = _labels(t, 60, k, missing=3)  # class 3 appears nowhere: its F1 is 0/0 -> 0.0
    per_class = np.array([_f1(*_counts(y, p, c)) for c in range(k)])
    present = [c for c in range(k) if np.any(y == c) or np.any(p == c)]
    support = np.array([np.sum(y == c) for c in range(k)])
    got = t.call(f, y.copy(), p.copy(), k)
    t.expect_scalar(
        "5 classes, class 3 absent",
        got,
        float(per_class.mean()),
        rtol=1e-9,
        mistakes={
            "that is micro F1 (for single-label data it equals accuracy): the counts of all classes pooled. Macro F1 "
            "computes F1 per class and averages those K numbers.": float(np.mean(y == p)),
            "you weighted each class's F1 by its number of true samples (the 'weighted' average); macro F1 is the "
            "plain mean, every class counting equally.": float(np.sum(per_class * support) / support.sum()),
            "you averaged only over the classes that appear; the task averages over all K classes, and an absent "
            "class contributes F1 = 0.0.": float(per_class[present].mean()),
            "that is the F1 of class 1 alone; macro F1 averages the one-vs-rest F1 of every class.": float(
                per_class[1]
            ),
        },
    )
    # scikit-learn's f1_score(y, p, average="macro", labels=range(K), zero_division=0) is the same number;
    # it is not imported here (seconds of import time on a slow machine) — the lesson shows the call.
    y, p = _labels(t, 80, 4)
    want = float(np.mean([_f1(*_counts(y, p, c)) for c in range(4)]))
    t.expect_scalar("4 classes, 80 fresh labels", t.call(f, y.copy(), p.copy(), 4), want, rtol=1e-9)
