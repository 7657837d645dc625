"""Checker: confusion matrix and precision/recall/F1 (per class, macro, micro, weighted) against scikit-learn.

Cases include a class that is never predicted, one with no true samples and one
absent from both arrays, so the zero_division=0 convention and "every class
counts" are tested where they bite. Averages are compared with scikit-learn's
precision_recall_fscore_support(labels=range(C), zero_division=0); the usual
wrong averages (macro F1 from macro P and R, present classes only, weights by
predicted counts) are computed here and named.
"""

import numpy as np
from _rules import forbid_sklearn

from tutor.checks import Checker

AVERAGES = ("macro", "weighted", "micro")


def _cases(rng):
    """(name, y_true, y_pred, C): a hand-made case with every awkward class, then random ones."""
    # class 2 is never predicted, class 3 has no true samples, class 4 appears nowhere
    y_true = np.array([0, 0, 0, 1, 1, 1, 1, 2, 2, 0, 1, 2])
    y_pred = np.array([0, 1, 0, 1, 1, 3, 0, 0, 1, 0, 1, 3])
    cases = [("awkward classes", y_true, y_pred, 5)]
    for k in range(3):
        C = int(rng.integers(3, 7))
        n = int(rng.integers(25, 60))
        present = rng.choice(C, size=C - 1, replace=False) if k else np.arange(C)
        y_true = rng.choice(present, size=n)
        # predictions: right 60% of the time, otherwise a random class among those "present"
        y_pred = np.where(rng.random(n) < 0.6, y_true, rng.choice(present, size=n))
        cases.append((f"random case {k + 1} ({C} classes, n={n})", y_true, y_pred, C))
    return cases


def _safe(num, den):
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    return np.divide(num, den, out=np.zeros_like(num), where=den != 0)


def _wrong_averages(y_true, y_pred, C, average, sk):
    """What the usual wrong averaging gives (message -> (p, r, f))."""
    p, r, f, support = sk.precision_recall_fscore_support(
        y_true, y_pred, labels=list(range(C)), average=None, zero_division=0
    )
    predicted = np.bincount(y_pred, minlength=C)
    present = np.union1d(y_true, y_pred)
    wrong = {}
    if average == "macro":
        mp, mr = p.mean(), r.mean()
        wrong[
            "macro F1 is the mean of the per-class F1 scores; you took the harmonic mean of macro precision "
            "and macro recall instead (scikit-learn's, and the usual, definition averages F1 per class)."
        ] = (mp, mr, float(_safe(2 * mp * mr, mp + mr)))
        wrong[
            f"you averaged over the classes that occur in the data ({present.tolist()}) only; the task counts "
            f"every class 0..{C - 1}, and an absent class scores 0 (labels=range(n_classes))."
        ] = (p[present].mean(), r[present].mean(), f[present].mean())
        true_only = np.unique(y_true)
        wrong[
            f"you averaged over the classes in y_true only ({true_only.tolist()}); every class 0..{C - 1} "
            "counts, even one that is only predicted or absent."
        ] = (p[true_only].mean(), r[true_only].mean(), f[true_only].mean())
    if average == "weighted":
        w = predicted / predicted.sum()
        wrong[
            "you weighted the classes by how often they were PREDICTED; 'weighted' uses the support, the "
            "number of TRUE samples of each class (the row sums of the confusion matrix)."
        ] = (p @ w, r @ w, f @ w)
        wrong[
            "that is the macro average (every class weighted equally); 'weighted' weights each class by its support."
        ] = (p.mean(), r.mean(), f.mean())
    if average == "micro":
        wrong[
            "that is the macro average; micro pools the counts of all classes first: sum of true "
            "positives / sum of predicted (for single-label data it equals the accuracy)."
        ] = (p.mean(), r.mean(), f.mean())
    return wrong


def check(t: Checker) -> None:
    confusion_matrix = t.function("confusion_matrix")
    prf = t.function("precision_recall_f1")
    forbid_sklearn(t, "the confusion matrix and the metrics")
    from sklearn import metrics as sk

    for case_name, y_true, y_pred, C in _cases(t.rng):
        with t.part(case_name):
            # the very arrays handed to the learner, kept to see whether they come back changed
            given = (y_true.copy(), y_pred.copy())
            cm = t.call(confusion_matrix, *given, C)
            expected = sk.confusion_matrix(y_true, y_pred, labels=list(range(C)))
            present = len(np.union1d(y_true, y_pred))
            if isinstance(cm, np.ndarray) and cm.shape == (present, present) and present != C:
                t.fail(
                    "confusion matrix: shape",
                    "shape",
                    f"expected shape ({C}, {C}), got {cm.shape}: one row and column per class 0..{C - 1}, "
                    "including classes that never occur — use n_classes, not np.unique of the labels.",
                )
            t.expect_shape("confusion matrix: shape", cm, (C, C))
            t.expect(
                "confusion matrix: integer counts",
                cm.dtype.kind in "iu",
                f"the confusion matrix has dtype {cm.dtype}; counts are integers (np.zeros((C, C), dtype=np.int64)).",
                kind="shape",
            )
            if not np.array_equal(cm, expected) and np.array_equal(cm, expected.T):
                t.fail(
                    "confusion matrix: counts",
                    "value",
                    "your matrix is the transpose: rows must be the TRUE class and columns the PREDICTED "
                    "class (cm[i, j] = true i predicted as j), as scikit-learn lays it out.",
                )
            _name_count_mistakes(t, cm, expected, y_true, y_pred, C)
            t.expect_equal("confusion matrix: counts", cm, expected)

            out = t.call(prf, *given, C, None)
            _check_per_class(t, out, y_true, y_pred, C, sk)
            for average in AVERAGES:
                out = t.call(prf, *given, C, average, step=f"precision_recall_f1(average={average!r}) runs")
                _check_average(t, out, y_true, y_pred, C, average, sk)
            t.expect(
                "inputs left unchanged",
                np.array_equal(given[0], y_true) and np.array_equal(given[1], y_pred),
                "your functions modified y_true or y_pred in place; leave the caller's arrays alone.",
                kind="property",
            )


def _name_count_mistakes(t, cm, expected, y_true, y_pred, C):
    """Fail naming the usual counting slips: fancy-index `+= 1` and np.histogram2d's data-range bins."""
    if not isinstance(cm, np.ndarray) or cm.shape != expected.shape or np.array_equal(cm, expected):
        return
    if np.array_equal(cm, (expected > 0).astype(expected.dtype)):
        t.fail(
            "confusion matrix: counts",
            "value",
            f"each (true, predicted) pair was counted at most once (cm holds {int(cm.sum())} in all, "
            f"for {len(y_true)} samples): `cm[y_true, y_pred] += 1` with index arrays writes every repeated "
            "pair only once. Use np.add.at(cm, (y_true, y_pred), 1), np.bincount, or a loop.",
        )
    binned = np.histogram2d(y_true, y_pred, bins=C)[0]
    if np.array_equal(cm, binned):
        t.fail(
            "confusion matrix: counts",
            "value",
            "np.histogram2d(y_true, y_pred, bins=n_classes) spreads its bins over the range the DATA "
            f"spans, not over the classes 0..{C - 1}, so a class missing at an end shifts every bin. "
            "Give the edges yourself (bins=np.arange(n_classes + 1)) or count with np.add.at.",
        )
    if int(cm.sum()) != len(y_true):
        t.fail(
            "confusion matrix: counts",
            "value",
            f"your counts add up to {int(cm.sum())}, but there are {len(y_true)} samples: every sample "
            "adds exactly 1 to one cell.",
        )


def _three(t, out, what):
    if not isinstance(out, tuple | list) or len(out) != 3:
        t.fail(
            f"{what}: returns (precision, recall, f1)",
            "shape",
            f"expected a tuple (precision, recall, f1), got {type(out).__name__}"
            + (f" of length {len(out)}" if isinstance(out, tuple | list) else ""),
        )
    return out


def _check_per_class(t, out, y_true, y_pred, C, sk):
    what = "average=None"
    precision, recall, f1 = _three(t, out, what)
    p, r, f, _ = sk.precision_recall_fscore_support(
        y_true, y_pred, labels=list(range(C)), average=None, zero_division=0
    )
    never_predicted = [c for c in range(C) if not np.any(y_pred == c)]
    no_support = [c for c in range(C) if not np.any(y_true == c)]
    for name, got, want in (("precision", precision, p), ("recall", recall, r), ("F1", f1, f)):
        present = len(np.union1d(y_true, y_pred))
        if isinstance(got, np.ndarray) and got.shape == (present,) and present != C:
            t.fail(
                f"{what}: per-class {name}",
                "shape",
                f"expected shape ({C},), got {got.shape}: one value per class 0..{C - 1}, including "
                "classes that never occur (they get 0).",
            )
        t.expect_array(f"{what}: per-class {name}", got, shape=(C,), dtype_kind="f")
        bad = [c for c in range(C) if not np.isfinite(got[c])]
        if bad:
            why = {
                "precision": f"class {bad[0]} is never predicted, so its precision is 0/0",
                "recall": f"class {bad[0]} has no true samples, so its recall is 0/0",
                "F1": f"class {bad[0]} has precision = recall = 0, so 2PR/(P+R) is 0/0",
            }[name]
            t.fail(
                f"{what}: per-class {name}",
                "value",
                f"{name} of class {bad[0]} is {got[bad[0]]}: {why}. The convention (scikit-learn's "
                "zero_division=0) is 0 — divide only where the denominator is non-zero.",
            )
        mistakes = {}
        if name == "precision":
            mistakes[
                "precision and recall are swapped: precision divides the true positives by the PREDICTED "
                "count (column sums of cm), recall by the TRUE count (row sums)."
            ] = r
        if name == "recall":
            mistakes[
                "precision and recall are swapped: recall divides the true positives by the TRUE count "
                "(row sums of cm), precision by the PREDICTED count (column sums)."
            ] = p
        if name == "F1":
            mistakes["F1 is the harmonic mean 2·P·R/(P + R), not the arithmetic mean (P + R)/2."] = (p + r) / 2
        zero_as_one = _zero_division_one(name, p, r, f, never_predicted, no_support)
        if zero_as_one is not None:
            mistakes[zero_as_one[0]] = zero_as_one[1]
        if np.any(want != np.floor(want)):
            mistakes[
                f"your per-class {name} values are whole numbers (0 or 1): integer division (`//`, or "
                "np.floor_divide on integer counts) truncates every fraction; divide with `/` on floats."
            ] = np.floor(want)
        t.expect_close(f"{what}: per-class {name}", got, want, rtol=1e-9, atol=1e-12, mistakes=mistakes)
    if never_predicted or no_support:
        t.passed(f"{what}: 0/0 gives 0", "value", f"never predicted: {never_predicted}; no true samples: {no_support}")


def _zero_division_one(name, p, r, f, never_predicted, no_support):
    """(message, values) for a 0/0 scored as 1 (zero_division=1) in this metric, or None if no 0/0 occurs."""
    if name == "precision" and never_predicted:
        classes, why, wrong = never_predicted, "never predicted, so its precision is 0/0", p.copy()
        wrong[never_predicted] = 1.0
    elif name == "recall" and no_support:
        classes, why, wrong = no_support, "without true samples, so its recall is 0/0", r.copy()
        wrong[no_support] = 1.0
    elif name == "F1" and np.any(p + r == 0):
        classes = np.flatnonzero(p + r == 0).tolist()
        why, wrong = "at precision = recall = 0, so its F1 is 0/0", np.where(p + r == 0, 1.0, f)
    else:
        return None
    return (
        f"you scored a 0/0 as 1: class {classes[0]} is {why}, and the task's convention (scikit-learn's "
        "zero_division=0) makes it 0, not 1 — start from np.zeros, not np.ones.",
        wrong,
    )


def _check_average(t, out, y_true, y_pred, C, average, sk):
    what = f"average={average!r}"
    got = _three(t, out, what)
    want = sk.precision_recall_fscore_support(y_true, y_pred, labels=list(range(C)), average=average, zero_division=0)[
        :3
    ]
    wrong = _wrong_averages(y_true, y_pred, C, average, sk)
    for i, name in enumerate(("precision", "recall", "F1")):
        value = got[i]
        if isinstance(value, np.ndarray) and value.size > 1:
            t.fail(
                f"{what}: {name}",
                "shape",
                f"{name} with {what} is an array of shape {value.shape}; an average is one number.",
            )
        mistakes = {message: triple[i] for message, triple in wrong.items() if abs(triple[i] - want[i]) > 1e-9}
        t.expect_scalar(f"{what}: {name}", value, float(want[i]), rtol=1e-9, atol=1e-12, mistakes=mistakes)
