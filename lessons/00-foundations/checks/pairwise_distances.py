"""Checker: normalize_rows and pairwise_distances, correct and loop-free."""

import numpy as np

from tutor.checks import Checker

LOOP_ADVICE_ROWS = (
    "Compute all the lengths at once, `np.sqrt((X * X).sum(axis=1, keepdims=True))`, "
    "and divide the whole array by them."
)
LOOP_ADVICE_PAIRS = (
    "Let broadcasting make every pair: `X[:, None, :] - Y[None, :, :]` has shape "
    "(n, m, d); square, sum over the last axis, take the square root."
)


def _baseline_pairs(X, Y):
    return np.sqrt(((X[:, None, :] - Y[None, :, :]) ** 2).sum(axis=-1))


def check(t: Checker) -> None:
    with t.part("normalize_rows"):
        _check_rows(t)
    with t.part("pairwise_distances"):
        _check_pairs(t)


def _check_rows(t: Checker) -> None:
    f = t.function("normalize_rows")
    ref = t.reference.normalize_rows
    # Square on purpose: without keepdims the (n,) lengths broadcast along the
    # last axis and, for a square matrix, silently divide the columns instead.
    X = t.rng.normal(size=(5, 5)) * 3.0
    before = X.copy()
    out = t.call(f, X)
    t.expect_unchanged("input left unchanged", before, X, "normalize_rows")
    lengths = np.linalg.norm(X, axis=1)
    with np.errstate(all="ignore"):
        t.expect_close(
            "rows of a 5×5 matrix",
            out,
            ref(X),
            mistakes={
                "you divided by the column lengths (axis=0); each *row* must get length 1 — use axis=1.": X
                / np.linalg.norm(X, axis=0, keepdims=True),
                "the lengths lost their axis: X / lengths with lengths of shape (n,) divides column j by the "
                "length of row j. Keep the axis (keepdims=True or lengths[:, None]).": X / lengths[None, :],
                "you divided by the sum of each row; the Euclidean length is sqrt(sum of squares).": X
                / X.sum(axis=1, keepdims=True),
                "you divided by the sum of absolute values (the L1 norm); use the Euclidean length "
                "sqrt(sum of squares).": X / np.abs(X).sum(axis=1, keepdims=True),
                "you divided by the squared length; take the square root of the sum of squares.": X
                / (X * X).sum(axis=1, keepdims=True),
            },
        )

    Z = t.rng.normal(size=(4, 3))
    Z[2] = 0.0
    out = t.call(f, Z.copy())
    if isinstance(out, np.ndarray) and out.shape == Z.shape and not np.all(np.isfinite(out)):
        t.fail(
            "a row of zeros stays zeros",
            "value",
            "a row of zeros became NaN: its length is 0 and 0/0 is NaN. Divide by 1 where the length "
            "is 0, e.g. `np.where(lengths > 0, lengths, 1.0)`.",
        )
    t.expect_close("a row of zeros stays zeros", out, ref(Z))

    wide = t.rng.normal(size=(3, 7))
    t.expect_close("non-square input (3×7)", t.call(f, wide.copy()), ref(wide))

    t.expect_no_python_loop(
        "no Python loop over the rows",
        f,
        lambda n: (t.rng.normal(size=(n, 8)),),
        over="the rows",
        advice=LOOP_ADVICE_ROWS,
    )


def _check_pairs(t: Checker) -> None:
    f = t.function("pairwise_distances")
    ref = t.reference.pairwise_distances
    X = t.rng.normal(size=(6, 3))
    Y = t.rng.normal(size=(4, 3))
    bx, by = X.copy(), Y.copy()
    out = t.call(f, X, Y)
    t.expect_unchanged("inputs left unchanged", np.concatenate([bx, by]), np.concatenate([X, Y]), "pairwise_distances")
    D = _baseline_pairs(X, Y)
    t.expect_close(
        "distances between 6 and 4 points",
        out,
        D,
        mistakes={
            "these are squared distances; take the square root.": D**2,
            "that is the Manhattan (L1) distance, sum |x - y|; the Euclidean distance is sqrt(sum (x - y)^2).": np.abs(
                X[:, None, :] - Y[None, :, :]
            ).sum(axis=-1),
        },
    )

    # 200 points: the unclipped expansion goes negative on some diagonal entry
    # with probability 1 - 1e-10 (about 11% per point).
    P = t.rng.normal(size=(200, 3)) * 4.0
    with np.errstate(all="ignore"):
        self_d = t.call(f, P.copy(), P.copy())
    if isinstance(self_d, np.ndarray) and self_d.shape == (200, 200) and not np.all(np.isfinite(self_d)):
        t.fail(
            "distance of a point to itself is 0",
            "value",
            "NaN on the diagonal: with the ||x||² + ||y||² - 2x·y expansion, rounding can make a "
            "squared distance slightly negative, and sqrt of a negative is NaN. Clip first: "
            "`np.sqrt(np.maximum(squared, 0))`.",
        )
    t.expect_close("distance of a point to itself is 0", self_d, ref(P, P), atol=1e-6)

    t.expect_no_python_loop(
        "no Python loop over points or pairs",
        f,
        lambda n: (t.rng.normal(size=(n, 3)), t.rng.normal(size=(n + 3, 3))),
        over="the points (rows of X or Y) or the pairs",
        advice=LOOP_ADVICE_PAIRS,
    )
