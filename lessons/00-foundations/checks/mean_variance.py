"""Checker: mean, population vs sample variance, std, covariance matrix."""

import numpy as np

from tutor.checks import Checker

DDOF = "ddof=1 is the *sample* variance: divide by N - 1, not N. Use the ddof argument: sum((x - mean)^2) / (N - ddof)."


def check(t: Checker) -> None:
    with t.part("mean"):
        f = t.function("mean")
        x = t.rng.normal(2.0, 3.0, size=9)
        t.expect_scalar(
            "mean of 9 numbers",
            t.call(f, x.copy()),
            float(np.mean(x)),
            rtol=1e-9,
            mistakes={
                "you divided by N - 1; the mean divides the sum by N.": float(x.sum() / (x.size - 1)),
            },
        )
    with t.part("variance"):
        _check_variance(t)
    with t.part("std"):
        f = t.function("std")
        x = t.rng.normal(-1.0, 2.0, size=11)
        t.expect_scalar(
            "std, ddof=0",
            t.call(f, x.copy()),
            float(np.std(x)),
            rtol=1e-9,
            mistakes={
                "that is the variance; the standard deviation is its square root.": float(np.var(x)),
            },
        )
        t.expect_scalar(
            "std, ddof=1",
            t.call(f, x.copy(), ddof=1),
            float(np.std(x, ddof=1)),
            rtol=1e-9,
            mistakes={"std(x, ddof=1) must use the sample variance (N - 1); pass ddof on.": float(np.std(x))},
        )
    with t.part("covariance_matrix"):
        _check_covariance(t)
    # The task's rule, judged last so that a wrong value built with np.var/np.cov is named first.
    t.expect_not_used(
        "variance, std and covariance from sums and matrix products",
        {name: what for names, what in _LIBRARY for name in names},
    )


_LIBRARY = (
    (("var", "nanvar"), "the variance"),
    (("std", "nanstd"), "the standard deviation"),
    (("cov",), "the covariance matrix"),
    (("corrcoef",), "the correlation matrix"),
)


def _check_variance(t: Checker) -> None:
    f = t.function("variance")
    x = t.rng.normal(1.0, 2.0, size=8)
    n = x.size
    pop, sample = float(np.var(x)), float(np.var(x, ddof=1))
    t.expect_scalar(
        "population variance (ddof=0)",
        t.call(f, x.copy()),
        pop,
        rtol=1e-9,
        mistakes={
            "with ddof=0 divide by N (population variance); you divided by N - 1.": sample,
            "that is the standard deviation; the variance is the mean squared deviation, no square root.": float(
                np.sqrt(pop)
            ),
            "you forgot to subtract the mean before squaring: that is mean(x^2), not the variance.": float(
                np.mean(x * x)
            ),
            "the variance averages *squared* deviations; you averaged absolute ones.": float(
                np.mean(np.abs(x - x.mean()))
            ),
        },
    )
    t.expect_scalar(
        "sample variance (ddof=1)",
        t.call(f, x.copy(), ddof=1),
        sample,
        rtol=1e-9,
        mistakes={
            f"you ignored ddof. {DDOF}": pop,
            "you divided by N + 1; the sample variance divides by N - 1.": float(np.sum((x - x.mean()) ** 2) / (n + 1)),
        },
    )
    two = np.array([3.0, 5.0])
    t.expect_scalar(
        "[3, 5] with ddof=1",
        t.call(f, two.copy(), ddof=1),
        2.0,
        rtol=1e-12,
        mistakes={
            f"you ignored ddof. {DDOF}": 1.0,
        },
    )
    big = 1e8 + t.rng.normal(0.0, 1.0, size=1000)
    want = float(np.var(big))
    got = t.call(f, big.copy())
    # The formula was right on small numbers above, so a miss here is rounding.
    try:
        value = float(got)
    except (TypeError, ValueError):
        value = float("nan")
    if not abs(value - want) <= 1e-6 * want:
        t.fail(
            "numbers near 100 million",
            "value",
            f"expected {want:.6g}, got {value:.6g}. The shortcut mean(x^2) - mean(x)^2 cancels "
            "catastrophically here: both terms are about 1e16 and their difference is about 1, the size "
            "of their rounding error. Subtract the mean first, then square: sum((x - mean)^2) / (N - ddof).",
        )
    t.passed("numbers near 100 million", "value", f"{value:.6g}")


def _check_covariance(t: Checker) -> None:
    f = t.function("covariance_matrix")
    N, D = 12, 3
    X = t.rng.normal(size=(N, D)) @ t.rng.normal(size=(D, D)) + t.rng.normal(size=D) * 4
    out = t.call(f, X.copy())
    if isinstance(out, np.ndarray) and out.shape == (N, N):
        t.fail(
            "shape (D, D)",
            "shape",
            f"got shape {out.shape}, one row per *sample*: the covariance of D features is D×D. "
            "Centred X is (N, D), so the product is Xc.T @ Xc (np.cov wants rowvar=False for this layout).",
        )
    want = np.cov(X, rowvar=False)
    centred = X - X.mean(axis=0)
    t.expect_close(
        "sample covariance of 12×3 data",
        out,
        want,
        rtol=1e-9,
        atol=1e-12,
        mistakes={
            "you divided by N; the sample covariance divides by N - 1.": centred.T @ centred / N,
            "the columns were not centred: subtract each column's mean before the product.": X.T @ X / (N - 1),
            "the columns were not centred (and you divided by N): subtract each column's mean first, divide by N - 1.": X.T
            @ X
            / N,
            "you centred with the overall mean; each column needs its own mean (axis=0).": (X - X.mean()).T
            @ (X - X.mean())
            / (N - 1),
            "you centred each row (the mean over axis=1, one per sample); centre each *column* — each feature — "
            "with its own mean, X - X.mean(axis=0).": (X - X.mean(axis=1, keepdims=True)).T
            @ (X - X.mean(axis=1, keepdims=True))
            / (N - 1),
        },
    )
