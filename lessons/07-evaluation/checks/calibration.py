"""Checker: ECE against an independent bin-by-bin computation; the fitted temperature against the NLL optimum.

ECE cases: softmax outputs of planted overconfident logits, a hand case whose
confidences sit exactly on bin edges (the bins are (lo, hi]), a case with
empty bins, and another n_bins. Named: bins weighted equally, the true
class's probability as the confidence, NaN from empty bins, [lo, hi) bins.
Temperature: within 1% of the optimum found here by a fine search; 1/T is
named. Then the temperature found on the validation logits must lower the
test ECE (the reference, N = 4000: from 0.22 or more to 0.025 at worst over seeds 0-9)
and a reliability diagram is drawn. A T that is off is explained: a lower ECE
than the optimum's (the ECE minimised), close but not within 1% (a search too
coarse), a loss worse than T = 1 (a search going uphill). A second fit on
logits of about ±50 (T* ≈ 8) names an unshifted softmax: exp overflows, NaN
wins the argmin. ECE also names signed gaps (no absolute value) and
np.linspace(0, 1, n_bins) edges (n_bins − 1 bins), on a nearly calibrated
model whose bins' gaps have mixed signs (for an overconfident one every
binning gives the same ECE).
"""

import numpy as np

from tutor.checks import Checker

C, N = 5, 4000
LARGE_SHARPEN = 8.0  # the large-logits case: logits up to about ±50, T* ≈ 8 (inside any sensible search range)


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def nll(logits, labels, T):
    z = logits / T
    z = z - z.max(axis=1, keepdims=True)
    return float(np.mean(np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(labels)), labels]))


def ece_reference(probs, labels, n_bins, *, confidence=None, weighted=True, closed_left=False, signed=False):
    """ECE with explicit bin edges (and the variants a wrong solution computes; signed: accuracy − confidence
    summed without the absolute value)."""
    conf = probs.max(axis=1) if confidence is None else confidence
    correct = probs.argmax(axis=1) == labels
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    gaps, weights = [], []
    floor_bins = np.minimum(np.floor(conf * n_bins), n_bins - 1)  # the [lo, hi) variant, as code writes it
    for b, (lo, hi) in enumerate(zip(edges[:-1], edges[1:], strict=True)):
        inside = floor_bins == b if closed_left else (conf > lo) & (conf <= hi)
        if inside.any():
            gap = correct[inside].mean() - conf[inside].mean()
            gaps.append(gap if signed else abs(gap))
            weights.append(inside.mean())
    gaps, weights = np.array(gaps), np.array(weights)
    return float(gaps @ weights) if weighted else float(gaps.mean())


def best_temperature(logits, labels):
    lo, hi = np.log(0.02), np.log(50.0)
    for _ in range(60):  # golden-section search in log T
        a, b = hi - 0.618 * (hi - lo), lo + 0.618 * (hi - lo)
        if nll(logits, labels, np.exp(a)) < nll(logits, labels, np.exp(b)):
            hi = b
        else:
            lo = a
    return float(np.exp((lo + hi) / 2))


def planted(rng, n, sharpen):
    """Labels drawn from softmax(z); the model reports sharpen * z: overconfident for sharpen > 1."""
    z = rng.normal(size=(n, C)) * 1.5
    p = softmax(z)
    labels = (p.cumsum(axis=1) > rng.random((n, 1))).argmax(axis=1)
    return z * sharpen, labels


def check(t: Checker) -> None:
    ece_fn = t.function("expected_calibration_error")
    fit_temperature = t.function("fit_temperature")
    sharpen = float(t.rng.uniform(2.5, 3.5))
    val_logits, val_labels = planted(t.rng, N, sharpen)
    test_logits, test_labels = planted(t.rng, N, sharpen)

    # ---- ECE -----------------------------------------------------------------
    edge_probs = np.array(
        [[0.4, 0.3, 0.3], [0.6, 0.2, 0.2], [0.2, 0.4, 0.4], [0.8, 0.1, 0.1], [0.5, 0.25, 0.25], [1.0, 0.0, 0.0]]
    )
    edge_labels = np.array([0, 1, 2, 0, 0, 0])
    sparse = softmax(t.rng.normal(size=(12, 3)) * 4)  # 12 samples, 15 bins: most bins are empty
    sparse_labels = t.rng.integers(0, 3, 12)
    cases = [
        ("overconfident model, 15 bins", softmax(val_logits), val_labels, 15),
        # nearly calibrated: its bins' gaps have mixed signs, so the ECE depends on the binning (for the
        # overconfident model every bin is overconfident and any binning gives mean(conf) − accuracy)
        ("a nearly calibrated model, 10 bins", softmax(test_logits / sharpen), test_labels, 10),
        ("confidences on the bin edges, 5 bins", edge_probs, edge_labels, 5),
        ("12 samples: mostly empty bins", sparse, sparse_labels, 15),
    ]
    for name, probs, labels, n_bins in cases:
        got = t.call(ece_fn, probs.copy(), labels.copy(), n_bins)
        expected = ece_reference(probs, labels, n_bins)
        if isinstance(got, float | np.floating) and not np.isfinite(got):
            t.fail(
                f"ECE: {name}",
                "value",
                f"ECE is {got}: an empty bin gave 0/0. Skip bins with no samples (they contribute nothing).",
            )
        mistakes = {
            "you averaged the bins' gaps with equal weights; weight each bin by its share of the samples "
            "(bin size / n), so a bin with 3 samples does not count as much as one with 1000.": ece_reference(
                probs, labels, n_bins, weighted=False
            ),
            "you used the probability of the TRUE class as the confidence; the confidence is the model's own: "
            "the largest probability of the row (the one its prediction is based on).": ece_reference(
                probs, labels, n_bins, confidence=probs[np.arange(len(labels)), labels]
            ),
            "a confidence exactly on an edge went into the bin above: the bins are (lo, hi] — a confidence of "
            "0.4 with 5 bins belongs to (0.2, 0.4], index ceil(0.4·5) − 1 = 1, not floor(0.4·5) = 2.": ece_reference(
                probs, labels, n_bins, closed_left=True
            ),
        }
        signed = ece_reference(probs, labels, n_bins, signed=True)
        cancel = "so overconfident and underconfident bins cancel; ECE adds each bin's |accuracy − mean confidence|."
        mistakes[f"you added the bins' SIGNED gaps (accuracy − confidence), {cancel}"] = signed
        mistakes[f"you added the bins' SIGNED gaps (confidence − accuracy), {cancel}"] = -signed
        mistakes[f"you took the absolute value of the SUM of the bins' signed gaps, {cancel}"] = abs(signed)
        if n_bins > 2:
            mistakes[
                f"that is the ECE with {n_bins - 1} bins: np.linspace(0, 1, n_bins) gives n_bins EDGES, i.e. "
                f"n_bins − 1 bins; {n_bins} bins need n_bins + 1 edges: np.linspace(0, 1, n_bins + 1)."
            ] = ece_reference(probs, labels, n_bins - 1)
        fifteen = ece_reference(probs, labels, 15)
        if n_bins != 15 and abs(fifteen - ece_reference(probs, labels, n_bins, closed_left=True)) > 1e-9:
            # (where the two coincide, the 10-bin case tells them apart)
            mistakes[f"that is the ECE with 15 bins; use the n_bins argument ({n_bins} here)."] = fifteen
        mistakes = {m: v for m, v in mistakes.items() if abs(v - expected) > 1e-9}
        t.expect_scalar(f"ECE: {name}", got, expected, rtol=1e-9, atol=1e-12, mistakes=mistakes)

    # ---- temperature ---------------------------------------------------------
    before = val_logits.copy()
    T = t.call(fit_temperature, val_logits, val_labels.copy(), budget_s=max(3.0, min(20.0, t.time_left() - 5)))
    t.expect_unchanged("logits left unchanged", before, val_logits, "fit_temperature")
    T_star = best_temperature(val_logits, val_labels)
    if isinstance(T, np.ndarray | np.generic) and np.size(T) == 1:
        T = float(np.asarray(T).reshape(()))
    if not isinstance(T, float | int) or isinstance(T, bool) or not np.isfinite(T) or T <= 0:
        t.fail("fit_temperature: the NLL optimum", "value", f"fit_temperature returned {T!r}; return a positive float.")
    if abs(1.0 / T / T_star - 1) < 0.02:
        t.fail(
            "fit_temperature: the NLL optimum",
            "value",
            f"you returned {T:.4g} ≈ 1/{T_star:.4g}: you multiplied the logits by T instead of dividing "
            "(softmax(logits / T); T > 1 softens an overconfident model).",
        )
    t.expect(
        "fit_temperature: the NLL optimum",
        abs(T / T_star - 1) <= 0.01,
        f"T = {T:.4g}, but the cross-entropy of softmax(logits / T) is lowest at T = {T_star:.4g} "
        f"(mean NLL {nll(val_logits, val_labels, T):.4f} at yours vs {nll(val_logits, val_labels, T_star):.4f}). "
        + _temperature_advice(val_logits, val_labels, T, T_star),
    )

    _check_large_logits(t, fit_temperature)

    ece_before = ece_reference(softmax(test_logits), test_labels, 15)
    ece_after = ece_reference(softmax(test_logits / T), test_labels, 15)
    t.expect(
        "the test ECE drops",
        ece_after < 0.5 * ece_before and ece_after < 0.04,
        f"on the test logits the ECE went from {ece_before:.3f} to {ece_after:.3f} with T = {T:.3g}.",
        kind="convergence",
    )
    t.note(
        f"test ECE {ece_before:.3f} before, {ece_after:.3f} after temperature scaling (T = {T:.3f}); "
        "accuracy is unchanged: dividing by T > 0 keeps every argmax."
    )
    _draw_reliability(t, softmax(test_logits), softmax(test_logits / T), test_labels)


def _temperature_advice(logits, labels, T, T_star):
    """Why a T is off: the ECE minimised instead (a lower ECE than the optimum's, a higher NLL), a search too
    coarse to land within 1% (close, yet off), or another objective altogether."""

    def ece(temperature):
        return ece_reference(softmax(logits / temperature), labels, 15)

    if ece(T) < ece(T_star):
        return (
            f"Yours has the LOWER ECE ({ece(T):.4f} vs {ece(T_star):.4f}) but the higher cross-entropy: did you "
            "minimise the ECE? Temperature scaling minimises the mean cross-entropy (the ECE is binned and jumpy; "
            "it is what you check afterwards)."
        )
    if 2 / 3 <= T / T_star <= 1.5:
        return (
            f"You are {abs(T / T_star - 1):.0%} off: the right objective, but a search too coarse (or stopped too "
            "early) to land within 1% — refine around the best point (a finer grid in log T around it, a "
            "golden-section search, or a few Newton steps)."
        )
    if nll(logits, labels, T) > nll(logits, labels, 1.0):
        return (
            "Your T makes the loss WORSE than no scaling at all (T = 1): the search went uphill — a gradient step "
            "with the wrong sign (T += lr · dL/dT)? Step against the gradient, or compare losses and keep the lower."
        )
    return "Minimise the mean cross-entropy over T, not the ECE or the accuracy (T does not change the argmax)."


def _naive_nll(logits, labels, T):
    """The cross-entropy through an unshifted softmax, as code without the max-subtraction computes it."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        e = np.exp(logits / T)
        p = e / e.sum(axis=1, keepdims=True)
        return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))


def _check_large_logits(t, fit_temperature):
    """The task warns that logits can be large (tens): the fitted T must not depend on exp() staying finite."""
    name = "fit_temperature: large logits"
    logits, labels = planted(t.rng, 2000, LARGE_SHARPEN)
    T = t.call(fit_temperature, logits.copy(), labels.copy(), budget_s=max(3.0, min(20.0, t.time_left() - 3)))
    if isinstance(T, np.ndarray | np.generic) and np.size(T) == 1:
        T = float(np.asarray(T).reshape(()))
    T_star = best_temperature(logits, labels)
    big = float(np.abs(logits).max())
    if isinstance(T, float | int) and not isinstance(T, bool) and np.isfinite(T) and T > 0:
        if abs(T / T_star - 1) <= 0.01:
            t.passed(name, "value", f"T = {T:.4g} with logits up to ±{big:.0f}")
            return
        # the symptoms of an unshifted softmax: a T where it overflows, or a search collapsed to the low end
        overflow = not np.isfinite(_naive_nll(logits, labels, T)) or T < T_star / 10
        detail = f"T = {T:.4g}, but the cross-entropy is lowest at T = {T_star:.4g}"
    else:
        overflow, detail = True, f"fit_temperature returned {T!r}"
    t.fail(
        name,
        "value",
        f"on logits up to ±{big:.0f} (an overconfident network's): {detail}. "
        + (
            f"exp(logits / T) overflows here (exp(x) is inf beyond x ≈ 709; at T = 0.05, logits / T reach "
            f"{big / 0.05:.0f}), inf / inf is NaN, and a NaN loss wins an argmin or stops a search. Compute the "
            "softmax stably: subtract each row's maximum before exp (a stable log-softmax)."
            if overflow
            else "The fit works for small logits but not for these: is the search range too narrow "
            f"(T* ≈ {T_star:.3g})?"
        ),
    )


def _draw_reliability(t, before, after, labels, n_bins=10):
    """Accuracy per confidence bin (x = bin, in tenths), before and after; a calibrated model follows the diagonal."""
    for series, probs in (("accuracy per bin, before", before), ("accuracy per bin, after", after)):
        conf = probs.max(axis=1)
        correct = probs.argmax(axis=1) == labels
        bins = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
        for b in range(n_bins):
            if np.any(bins == b):
                t.curve(series, b, float(correct[bins == b].mean()))
    for b in range(n_bins):
        t.curve("perfect calibration", b, (b + 0.5) / n_bins)
