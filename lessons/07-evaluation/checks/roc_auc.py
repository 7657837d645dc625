"""Checker: ROC curve (one point per distinct score) and trapezoid AUC against scikit-learn.

Cases: distinct scores first (so a tie bug shows separately), a small hand-made
case with ties between positives and negatives, and many tied scores. The
curve is compared with sklearn.metrics.roc_curve(drop_intermediate=False), the
area with roc_auc_score; the usual mistakes (one point per sample, `>` instead
of `>=`, ascending order, dividing by n, a step-function area that counts ties
as 0 or 1) are computed here and named. The learner's curve is then drawn.
"""

import numpy as np
from _rules import forbid_sklearn

from tutor.checks import Checker


def _cases(rng):
    n = 40
    y = (rng.random(n) < 0.45).astype(np.int64)
    y[:2] = [0, 1]
    distinct = rng.normal(size=n) + 1.2 * y
    hand_y = np.array([1, 0, 1, 0, 0, 1, 1, 0, 0, 1])
    hand_s = np.array([0.9, 0.8, 0.8, 0.8, 0.6, 0.6, 0.4, 0.4, 0.1, 0.1])
    n = 200
    tied_y = (rng.random(n) < 0.3).astype(np.int64)
    tied_y[:2] = [0, 1]
    tied_s = np.round(rng.normal(size=n) * 0.5 + 0.8 * tied_y, 1)  # ~30 distinct values among 200
    return [
        ("distinct scores", y, distinct),
        ("ties between positives and negatives", hand_y, hand_s),
        ("many tied scores (n=200)", tied_y, tied_s),
    ]


def _pairs(y, s):
    """Fractions of (positive, negative) pairs with pos > neg and pos == neg."""
    pos, neg = s[y == 1][:, None], s[y == 0][None, :]
    return float(np.mean(pos > neg)), float(np.mean(pos == neg))


def _strict_curve(y, s):
    """The curve when a threshold predicts positive only for score > threshold."""
    order = np.argsort(-s, kind="stable")
    ss, yy = s[order], y[order].astype(float)
    last = np.r_[np.flatnonzero(np.diff(ss)), len(ss) - 1]
    tp = np.r_[0.0, 0.0, np.cumsum(yy)[last][:-1]]
    fp = np.r_[0.0, 0.0, np.cumsum(1 - yy)[last][:-1]]
    return fp / (1 - yy).sum(), tp / yy.sum()


def _runs_curve(y, s, descending=True, keep="last"):
    """The curve built from one index per run of equal scores: the reference takes the last index of each
    run in decreasing order; keep="first" or descending=False give two usual slips."""
    order = np.argsort(-s if descending else s, kind="stable")
    ss, yy = s[order], y[order].astype(float)
    ends = np.flatnonzero(np.diff(ss))
    picked = np.r_[ends, len(ss) - 1] if keep == "last" else np.r_[0, ends + 1]
    tp = np.r_[0.0, np.cumsum(yy)[picked]]
    fp = np.r_[0.0, np.cumsum(1 - yy)[picked]]
    return fp / (1 - yy).sum(), tp / yy.sum()


def _trapz_hint(exc):
    if "trapz" in str(exc):
        return "NumPy 2 renamed np.trapz to np.trapezoid (or write the trapezoid sum yourself)."
    return None


def check(t: Checker) -> None:
    roc_curve = t.function("roc_curve")
    roc_auc = t.function("roc_auc")
    forbid_sklearn(t, "the ROC curve and the AUC")
    from sklearn import metrics as sk

    drawn = None
    for case_name, y, s in _cases(t.rng):
        with t.part(case_name):
            drawn = _check_case(t, sk, roc_curve, roc_auc, y, s)

    with t.part("AUC is the chance a positive outranks a negative"):

        def prop(case):
            y, s = case
            above, tie = _pairs(y, s)
            got = float(t.call(roc_auc, y.copy(), s.copy()))
            if abs(got - (above + tie / 2)) > 1e-9:
                return (
                    f"AUC {got:.6g}, but P(pos > neg) + ½·P(pos = neg) = {above + tie / 2:.6g} "
                    f"(ties: {tie:.3g} of the pairs)"
                )
            return None

        def generate(rng):
            n = int(rng.integers(6, 60))
            y = (rng.random(n) < rng.uniform(0.2, 0.8)).astype(np.int64)
            y[:2] = [0, 1]
            return y, np.round(rng.normal(size=n), int(rng.integers(0, 2)))

        t.expect_property("AUC = P(pos > neg) + ½ P(tie), random tied data", prop, generate, trials=15)

    if drawn is not None and not t.failed:
        fpr, tpr, auc = drawn
        for x, y in zip(fpr, tpr, strict=True):
            t.curve("ROC: tpr (x = fpr %)", int(round(100 * x)), float(y))
        t.curve("chance", 0, 0.0)
        t.curve("chance", 100, 1.0)
        t.note(
            f"the last case's ROC curve is drawn with the false-positive rate in % along x; "
            f"AUC {auc:.3f} (0.5 = the diagonal, chance)."
        )


def _check_case(t, sk, roc_curve, roc_auc, y, s):
    """roc_curve and roc_auc on one case against scikit-learn; returns (fpr, tpr, auc) to draw."""
    # the very arrays handed to the learner (float scores, as a caller would pass them), kept to see
    # whether they come back changed: np.asarray(scores, dtype=float) returns these same arrays
    given = (y.copy(), s.astype(np.float64))
    fpr_e, tpr_e, thr_e = sk.roc_curve(y, s, drop_intermediate=False)
    out = t.call(roc_curve, *given)
    if not isinstance(out, tuple | list) or len(out) != 3:
        t.fail(
            "roc_curve returns (fpr, tpr, thresholds)",
            "shape",
            f"expected a tuple (fpr, tpr, thresholds), got {type(out).__name__}",
        )
    fpr, tpr, thr = out
    _expect_curve_lengths(t, fpr, tpr, thr, fpr_e, s)
    _expect_curve_direction(t, fpr, tpr, fpr_e, tpr_e)
    _expect_curve_values(t, y, s, fpr, tpr, thr, fpr_e, tpr_e, thr_e)
    _expect_inputs_unchanged(t, given, y, s, "roc_curve")
    given = (y.copy(), s.astype(np.float64))
    expected = _check_auc(t, sk, roc_auc, given, y, s)
    _expect_inputs_unchanged(t, given, y, s, "roc_auc")
    return fpr_e, tpr_e, expected


def _expect_inputs_unchanged(t, given, y, s, fn_name):
    """The arrays handed to the learner's function come back as they went in."""
    t.expect(
        f"{fn_name}: inputs left unchanged",
        np.array_equal(given[0], y) and np.array_equal(given[1], s),
        f"`{fn_name}` modified y_true or scores in place (an in-place sort, `scores *= -1`, ...): "
        "np.asarray(scores, dtype=float) hands back the caller's own array when it is float already, "
        "so work on a copy (-scores, np.sort, scores.copy()).",
        kind="property",
    )


def _expect_curve_lengths(t, fpr, tpr, thr, fpr_e, s):
    """One point per distinct score plus the (0, 0) start, in every array."""
    m = len(fpr_e)
    for name, got in (("fpr", fpr), ("tpr", tpr), ("thresholds", thr)):
        if isinstance(got, np.ndarray) and got.ndim == 1 and len(got) != m:
            why = _length_advice(len(got), m, s)
            t.fail(f"{name}: length", "shape", f"{name} has {len(got)} values; {why}")
        t.expect_array(f"{name}: shape", got, shape=(m,), dtype_kind="f")


def _length_advice(n_got, m, s):
    """Why a curve array has n_got points instead of m: ties not merged, the start missing, a point doubled."""
    n_distinct = len(np.unique(s))
    if n_got == len(s) + 1 and n_distinct < len(s):
        return (
            f"one point per SAMPLE ({len(s)} + 1); tied scores must make ONE point "
            f"({n_distinct} distinct scores + 1): a threshold cannot separate samples with "
            "the same score, so keep only the last index of each run of equal scores."
        )
    if n_got == m - 1:
        return (
            "one point short: the curve starts at (0, 0) with threshold np.inf, where "
            "nothing is predicted positive — prepend it."
        )
    if n_got == m + 1:
        return "one point too many: is (0, 0) (or (1, 1)) in there twice?"
    return f"expected one point per distinct score plus the start: {m}."


def _expect_curve_direction(t, fpr, tpr, fpr_e, tpr_e):
    """The curve runs from (0, 0) up to (1, 1), with fpr and tpr not swapped."""
    if np.all(np.diff(np.asarray(fpr, dtype=float)) <= 0) and fpr[0] > fpr[-1]:
        t.fail(
            "fpr",
            "value",
            "your curve runs from (1, 1) down to (0, 0): sort the scores in DECREASING "
            "order — the strictest threshold (nothing predicted positive) comes first.",
        )
    if np.allclose(fpr, tpr_e) and np.allclose(tpr, fpr_e) and not np.allclose(fpr, fpr_e):
        t.fail(
            "fpr",
            "value",
            "fpr and tpr are swapped: fpr counts NEGATIVES above the threshold "
            "(divided by the number of negatives), tpr counts positives.",
        )


def _expect_curve_values(t, y, s, fpr, tpr, thr, fpr_e, tpr_e, thr_e):
    """fpr, tpr and thresholds equal scikit-learn's; wrong denominators and a strict `>` are named."""
    n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
    sfpr, stpr = _strict_curve(y, s)
    afpr, atpr = _runs_curve(y, s, descending=False)
    ffpr, ftpr = _runs_curve(y, s, keep="first")
    ascending = (
        "you walked the scores in INCREASING order (np.argsort(scores)): the curve must start at the "
        "strictest threshold, the HIGHEST score, so sort decreasing — np.argsort(-scores)."
    )
    first_of_run = (
        "at a run of tied scores your point counts only the FIRST sample of the run; with score >= "
        "threshold every sample with that score is positive, so take the cumulative counts at the LAST "
        "index of each run of equal scores."
    )
    t.expect_close(
        "fpr",
        fpr,
        fpr_e,
        rtol=1e-9,
        atol=1e-12,
        mistakes={
            f"fpr ends at {fpr_e[-1] * n_neg / len(y):.3g}, not 1: divide the false positives by the number "
            "of NEGATIVES, not by the number of samples.": fpr_e * n_neg / len(y),
            "each point counts only scores strictly ABOVE its threshold; the rule is score >= threshold, so "
            "the point at a threshold includes the samples with exactly that score.": sfpr,
            ascending: afpr,
            first_of_run: ffpr,
        },
    )
    t.expect_close(
        "tpr",
        tpr,
        tpr_e,
        rtol=1e-9,
        atol=1e-12,
        mistakes={
            f"tpr ends at {n_pos / len(y):.3g}, not 1: divide the true positives by the number of "
            "POSITIVES, not by the number of samples.": tpr_e * n_pos / len(y),
            "each point counts only scores strictly ABOVE its threshold; the rule is score >= threshold.": stpr,
            ascending: atpr,
            first_of_run: ftpr,
        },
    )
    thr = np.asarray(thr, dtype=np.float64)
    old_sklearn = " (max(score) + 1 is what scikit-learn returned before version 1.3)" if thr[0] == s.max() + 1 else ""
    t.expect(
        "thresholds: the first is +inf",
        thr[0] == np.inf,
        f"the first threshold is {thr[0]:.6g}{old_sklearn}; the task puts the (0, 0) point, where nothing "
        "is predicted positive, at threshold np.inf.",
    )
    if len(thr) > 2 and np.array_equal(thr[1:-1], thr_e[2:]) and thr[-1] != thr_e[-1]:
        t.fail(
            "thresholds: the distinct scores, decreasing",
            "value",
            f"your thresholds are shifted one point along: each point's threshold is the score of the "
            f"LAST sample it counts as positive (score >= threshold), so the point after (0, 0) has the "
            f"highest score, {thr_e[1]:.6g}; you gave every point the next lower score (and {thr[-1]:.6g} "
            "at the end), as the rule score > threshold would.",
        )
    t.expect_close("thresholds: the distinct scores, decreasing", thr[1:], thr_e[1:], rtol=1e-12, atol=0)


def _check_auc(t, sk, roc_auc, given, y, s):
    """roc_auc equals scikit-learn's, with ties counted one half; returns the expected AUC."""
    auc = t.call(roc_auc, *given, hint=_trapz_hint)
    expected = float(sk.roc_auc_score(y, s))
    above, tie = _pairs(y, s)
    mistakes = {
        "your AUC is 1 − AUC: the scores were ranked in increasing order (a higher score must "
        "mean more positive), or the area was taken along the wrong axis (np.trapezoid(fpr, tpr) "
        "instead of np.trapezoid(tpr, fpr)).": 1 - expected
    }
    if tie > 0:
        mistakes[
            "ties count as nothing in your AUC: a (positive, negative) pair with equal scores counts "
            "ONE HALF — the trapezoid over a tied run, not a rectangle under its lower edge."
        ] = above
        mistakes[
            "ties count fully in your AUC: a (positive, negative) pair with equal scores counts ONE "
            "HALF — the trapezoid over a tied run, not a rectangle under its upper edge."
        ] = above + tie
    value = auc.item() if isinstance(auc, np.ndarray | np.generic) and np.size(auc) == 1 else auc
    if (
        tie > 0
        and isinstance(value, float | int)
        and above + 1e-9 < value < above + tie - 1e-9
        and abs(value - expected) > 1e-9
    ):
        t.fail(
            "roc_auc",
            "value",
            f"expected {expected:.6g}, got {value:.6g}: ties between positives and "
            "negatives are not counted as one half each. With ranks, tied scores need the AVERAGE of "
            "their ranks (not the order a sort happened to leave them in); with the curve, one point "
            "per distinct score and the trapezoid rule.",
        )
    t.expect_scalar("roc_auc", auc, expected, rtol=1e-9, atol=1e-12, mistakes=mistakes)
    return expected
