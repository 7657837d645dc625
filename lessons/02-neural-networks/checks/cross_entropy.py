"""Checker: mean softmax cross-entropy on logits, and its gradient, for integer or one-hot labels."""

import numpy as np

from tutor.checks import Checker, numerical_gradient


def _one_hot(y, c):
    out = np.zeros((len(y), c))
    out[np.arange(len(y)), y] = 1.0
    return out


def _label_hint(kind):
    def hint(exc):
        if kind == "integer":
            return (
                "this call passed integer labels y of shape (n,). Handle both forms, e.g. turn integer "
                "labels into one-hot rows first (np.eye(C)[y]) when y.ndim == 1."
            )
        return (
            "this call passed one-hot labels y of shape (n, C). Handle both forms, e.g. turn one-hot "
            "rows into integer labels (y.argmax(axis=1)) when y.ndim == 2."
        )

    return hint


def check(t: Checker) -> None:
    ce = t.function("cross_entropy")
    ce_grad = t.function("cross_entropy_grad")
    ref = t.reference
    n, c = 6, 4
    logits = t.rng.normal(size=(n, c)) * 2
    y = t.rng.integers(0, c, size=n)
    y[:c] = t.rng.permutation(c)  # every class appears
    y1 = _one_hot(y, c)
    loss = ref.cross_entropy(logits, y)
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    p = np.exp(log_p)
    # The softmax taken down the columns (axis 0), over the samples instead of the classes.
    log_p0 = logits - np.log(np.exp(logits).sum(axis=0, keepdims=True))
    axis0 = (
        "your softmax normalises over axis 0 (down the columns, across the samples); each sample's "
        "row of class scores must sum to 1: sum with axis=1, keepdims=True."
    )

    loss_mistakes = {
        axis0: float(-log_p0[np.arange(n), y].mean()),
        "you summed the per-sample losses; the loss is their mean over the batch (divide by n).": loss * n,
        "you averaged over the classes as well (np.mean over an (n, C) array); sum over the classes "
        "and average over the n samples only.": loss / c,
        "the loss is negative: cross-entropy is -log p(true class); a minus sign is missing.": -loss,
        "you used log10 (or log2); cross-entropy uses the natural log, np.log.": loss / np.log(10),
    }

    # ---- the loss ----------------------------------------------------------
    got = t.call(ce, logits.copy(), y.copy(), step="cross_entropy runs (integer labels)", hint=_label_hint("integer"))
    t.expect_scalar("loss, integer labels", got, loss, mistakes=loss_mistakes, batch=n)

    got = t.call(ce, logits.copy(), y1.copy(), step="cross_entropy runs (one-hot labels)", hint=_label_hint("one-hot"))
    t.expect_scalar("loss, one-hot labels", got, loss, mistakes=loss_mistakes, batch=n)

    # Confidently wrong predictions: logit gaps in the hundreds.
    big = t.rng.normal(size=(n, c)) * 300
    big[2] += 1000.0  # exp(1000) overflows
    for i in (0, 1):  # true class 800 below the rest: its probability underflows to 0
        big[i, y[i]] = np.delete(big[i], y[i]).min() - 800.0
    big_loss = ref.cross_entropy(big, y)
    got = t.call(ce, big.copy(), y.copy(), step="cross_entropy runs (large logits)")
    try:
        value = float(np.asarray(got).reshape(-1)[0]) if np.size(got) == 1 else None
    except (TypeError, ValueError):
        value = None
    if value is not None and not np.isfinite(value):
        t.fail(
            "loss, large logits",
            "value",
            f"the loss is {value} for logits of size ~1000: exp overflowed or a probability "
            "underflowed to 0 before the log. Work with log-probabilities: "
            "log_p = z - z.max(axis=1, keepdims=True); log_p -= np.log(np.exp(log_p).sum(axis=1, keepdims=True)).",
        )
    if value is not None and value < big_loss * 0.99:
        t.fail(
            "loss, large logits",
            "value",
            f"expected {big_loss:.6g}, got {value:.6g}: your loss is capped for confidently wrong "
            "predictions — clipping the probabilities (np.clip, or + 1e-7 inside the log) limits "
            "each sample's loss to -log(eps). Compute log-probabilities directly "
            "(logits minus their log-sum-exp) so no clipping is needed.",
        )
    t.expect_scalar("loss, large logits", got, big_loss, rtol=1e-6)

    # ---- the gradient ------------------------------------------------------
    numeric, _ = numerical_gradient(lambda z: ref.cross_entropy(z, y), logits)
    grad_mistakes = {
        axis0: (np.exp(log_p0) - y1) / n,
        "the gradient is not divided by n: the loss is a mean over the batch, so its gradient is "
        "(softmax(logits) - one_hot(y)) / n.": (p - y1),
        "the sign is flipped: the gradient is (p - y) / n, not (y - p) / n.": (y1 - p) / n,
        "you returned softmax(logits) / n without subtracting the one-hot labels: (p - y) / n.": p / n,
        "that is the gradient with respect to the probabilities (-y / p / n); the exercise asks for the "
        "gradient with respect to the logits, which simplifies to (p - y) / n.": -y1 / p / n,
    }
    got = t.call(
        ce_grad, logits.copy(), y.copy(), step="cross_entropy_grad runs (integer labels)", hint=_label_hint("integer")
    )
    t.expect_gradient("gradient, integer labels", got, numeric, batch=n, mistakes=grad_mistakes)
    got = t.call(
        ce_grad, logits.copy(), y1.copy(), step="cross_entropy_grad runs (one-hot labels)", hint=_label_hint("one-hot")
    )
    t.expect_gradient("gradient, one-hot labels", got, numeric, batch=n, mistakes=grad_mistakes)

    got = t.call(ce_grad, big.copy(), y.copy(), step="cross_entropy_grad runs (large logits)")
    t.expect_close("gradient, large logits", got, ref.cross_entropy_grad(big, y), atol=1e-9)

    # ---- a batch in which the last class never occurs ----------------------
    # The number of classes is logits.shape[1]; y.max() + 1 is one short here.
    short = t.rng.integers(0, c - 1, size=n)
    short[: c - 1] = t.rng.permutation(c - 1)
    width = (
        f"this batch's labels {short.tolist()} never use the last class {c - 1}, yet the logits have "
        f"{c} columns: the number of classes is logits.shape[1], not y.max() + 1 (np.eye(y.max() + 1) "
        "builds one-hot rows that are too narrow)."
    )

    def width_hint(exc):
        return width

    got = t.call(ce, logits.copy(), short.copy(), step="cross_entropy runs (class 3 absent)", hint=width_hint)
    expected = ref.cross_entropy(logits, short)
    try:
        right = abs(float(np.asarray(got).reshape(())) - expected) <= 1e-6 * abs(expected) + 1e-8
    except (TypeError, ValueError):
        right = False
    t.expect("loss, highest class absent from the batch", right, width)
    got = t.call(ce_grad, logits.copy(), short.copy(), step="cross_entropy_grad runs (class 3 absent)", hint=width_hint)
    if not (isinstance(got, np.ndarray) and got.shape == (n, c)):
        t.fail("gradient, highest class absent from the batch", "shape", width)
    t.expect_close("gradient, highest class absent from the batch", got, ref.cross_entropy_grad(logits, short))

    # ---- inputs untouched ---------------------------------------------------
    z, labels, hot = logits.copy(), y.copy(), y1.copy()
    t.call(ce, z, labels, step="cross_entropy runs (integer labels)")
    t.call(ce_grad, z, hot, step="cross_entropy_grad runs (one-hot labels)")
    t.expect(
        "inputs left unchanged",
        np.array_equal(z, logits) and np.array_equal(labels, y) and np.array_equal(hot, y1),
        "your code modified the logits or the labels in place (e.g. `logits -= logits.max(...)` or "
        "`probs[range(n), y] -= 1` on a view); work on copies.",
        kind="property",
    )
