"""Checker: softmax over the last axis, stable for huge logits."""

import numpy as np

from tutor.checks import Checker


def _naive(x):
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def _wrong_axis(x):
    shifted = x - x.max(axis=0, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=0, keepdims=True)


def _global_sum(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def _hint(shape):
    """Name the usual cause of a crash on an input of this shape."""

    def hint(exc):
        text = str(exc)
        if "out of bounds for array of dimension" in text:
            return (
                f"this call passed an array of shape {shape}: a hard-coded axis (axis=1) does not exist for "
                f"every input; use axis=-1, the last axis, for any number of dimensions."
            )
        if "could not be broadcast" in text:
            return (
                f"on an input of shape {shape}, x.max(axis=-1) and e.sum(axis=-1) without keepdims=True drop the "
                "last axis, and NumPy lines shapes up from the right, so they do not match the rows; keep it: "
                "x.max(axis=-1, keepdims=True), e.sum(axis=-1, keepdims=True)."
            )
        return None

    return hint


def check(t: Checker) -> None:
    softmax = t.function("softmax")
    ref = t.reference.softmax

    x = t.rng.normal(size=(4, 6))
    out = t.call(softmax, x.copy(), hint=_hint(x.shape))
    t.expect_close(
        "2-D batch: values",
        out,
        ref(x),
        mistakes={
            "you normalised over axis 0 (down the columns); softmax is over the last axis, one row per sample.": _wrong_axis(
                x
            ),
            "you divided by the sum of the whole array; each row must be normalised on its own (axis=-1, keepdims=True).": _global_sum(
                x
            ),
        },
    )

    v = t.rng.normal(size=7)
    t.expect_close("a single vector (1-D)", t.call(softmax, v.copy(), hint=_hint(v.shape)), ref(v))

    x3 = t.rng.normal(size=(2, 3, 5))
    out3 = t.call(softmax, x3.copy(), hint=_hint(x3.shape))
    t.expect_close(
        "3-D input: last axis",
        out3,
        ref(x3),
        mistakes={
            "you normalised over axis 0; use the last axis (-1) so any number of leading dimensions works.": _wrong_axis(
                x3
            ),
            "you normalised over the whole array; use axis=-1 with keepdims=True.": _global_sum(x3),
        },
    )

    big = t.rng.normal(size=(3, 5)) * 10 + 1000.0
    with np.errstate(over="ignore", invalid="ignore"):
        naive = _naive(big)
    out_big = t.call(softmax, big.copy())
    got = np.asarray(out_big, dtype=np.float64) if isinstance(out_big, np.ndarray) else out_big
    if isinstance(got, np.ndarray) and got.shape == big.shape and not np.all(np.isfinite(got)):
        t.fail(
            "huge logits stay finite",
            "value",
            "softmax of logits near 1000 gave NaN/inf: exp(1000) overflows. Subtract each row's "
            "maximum before exponentiating — the result is mathematically the same.",
        )
    t.expect_close(
        "huge logits stay finite",
        out_big,
        ref(big),
        mistakes={
            "NaN for large logits: exp overflowed. Subtract the row maximum first.": naive,
            "every probability in a row came out equal (1/5): logits near 1000 were flattened before exp "
            "(np.clip(x, -500, 500) makes 1000 and 1030 the same). Subtract each row's maximum instead: "
            "that leaves the answer unchanged, clipping changes it.": np.full_like(big, 1 / big.shape[-1]),
        },
    )

    # One row of huge logits next to an ordinary one: a single global maximum underflows the other row.
    mixed = np.stack([t.rng.normal(size=5) * 10 + 1000.0, t.rng.normal(size=5)])
    with np.errstate(under="ignore", invalid="ignore", divide="ignore"):
        out_mixed = t.call(softmax, mixed.copy())
    got = np.asarray(out_mixed, dtype=np.float64) if isinstance(out_mixed, np.ndarray) else out_mixed
    if isinstance(got, np.ndarray) and got.shape == mixed.shape and not np.all(np.isfinite(got)):
        t.fail(
            "rows of very different scales",
            "value",
            "a batch with one row near 1000 and one near 0 gave NaN in the second row: you subtracted "
            "the maximum of the whole array, so every exp in the small row underflowed to 0 (0/0). "
            "Subtract each row's own maximum: x - x.max(axis=-1, keepdims=True).",
        )
    t.expect_close("rows of very different scales", out_mixed, ref(mixed))

    t.expect_property(
        "rows are probabilities (non-negative, sum to one)",
        lambda x: _probability_problem(t.call(softmax, x.copy()), x),
        lambda rng: rng.normal(size=(int(rng.integers(1, 6)), int(rng.integers(2, 9)))) * rng.uniform(0.1, 50),
        trials=20,
    )

    before = x.copy()
    t.call(softmax, x)
    t.expect(
        "input left unchanged",
        np.array_equal(before, x),
        "softmax modified its input array in place (e.g. `x -= x.max(...)`); work on a new array.",
    )


def _probability_problem(p, x):
    if not isinstance(p, np.ndarray) or p.shape != x.shape:
        return f"expected an array of shape {x.shape}"
    if np.any(p < 0):
        return "some probabilities are negative"
    sums = p.sum(axis=-1)
    if not np.allclose(sums, 1.0, atol=1e-6):
        return f"rows sum to {sums.round(6).tolist()}, not 1"
    return None
