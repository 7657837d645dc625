"""Checker: samplers judged by their statistics and reproducibility; standardize by value."""

import numpy as np

from tutor.checks import Checker

N_DRAWS = 200_000
EPS_MESSAGE = (
    "you divided by std + {eps}: every column's std then falls short of 1, by {eps}/std, visibly on narrow "
    "columns. "
    "Divide by the std itself and handle only the constant columns: "
    "np.where(X.max(axis=0) == X.min(axis=0), 1.0, sd)."
)

ROUNDING = (
    "a column of seven 0.1s came out as ±1, not 0: 0.1 has no exact binary form, so the computed "
    "mean is off by a rounding error and the std is about 1e-17, not 0 — `std > 0` is true and the "
    "rounding noise gets scaled up to ±1. Treat a column as constant when all its values are equal "
    "(X.max(axis=0) == X.min(axis=0)), or when its std is tiny next to its mean "
    "(std <= 1e-12 * abs(mean)), and use 1 there."
)


def _reproducible(t: Checker, name: str, f, args, seed: int) -> np.ndarray:
    """Same seed, same draws; different seed, different draws; returns one sample."""
    a = t.call(f, np.random.default_rng(seed), *args)
    t.expect_array(f"{name}: returns n floats", a, shape=(args[-1],), dtype_kind="f")
    b = t.call(f, np.random.default_rng(seed), *args)
    c = t.call(f, np.random.default_rng(seed + 1), *args)
    same = isinstance(b, np.ndarray) and np.array_equal(a, b)
    differ = isinstance(c, np.ndarray) and c.shape == a.shape and not np.array_equal(a, c)
    t.expect(
        f"{name}: draws come from rng",
        same and differ,
        "two generators with the same seed gave different draws (or different seeds the same ones): "
        "your function does not draw from the `rng` argument. Use rng.standard_normal / rng.random, "
        "not np.random.* — the global generator ignores the seed you were handed.",
        kind="property",
    )
    return a


def check(t: Checker) -> None:
    seed = int(t.rng.integers(2**31))
    with t.part("sample_normal"):
        f = t.function("sample_normal")
        # Ranges chosen so that std, std², sqrt(std) and the mean never come close to
        # each other: each classic mix-up then shows as a distinct spread or centre.
        mean = float(t.rng.uniform(8.0, 12.0))
        std = float(t.rng.uniform(1.5, 2.5))
        s = _reproducible(t, "sample_normal", f, (mean, std, N_DRAWS), seed)
        m, sd = float(s.mean()), float(s.std())
        mean_tol = 5 * std / np.sqrt(N_DRAWS)
        sd_tol = 5 * std / np.sqrt(2 * N_DRAWS)
        # Shape before centre and spread: uniform draws (rng.random) shifted and scaled have the
        # wrong centre too, but the mistake is the distribution. Excess kurtosis: 0 normal, -1.2 uniform.
        kurtosis = float(np.mean(((s - m) / sd) ** 4) - 3.0) if sd > 0 else 0.0
        if kurtosis < -0.8:
            t.fail(
                "sample_normal: bell-shaped",
                "value",
                f"the draws are spread evenly over an interval (excess kurtosis {kurtosis:.2f}; a normal's is 0, a "
                "uniform's -1.2): z came from rng.random, which is uniform on [0, 1). Draw z with "
                "rng.standard_normal(n), then mean + std * z.",
            )
        if abs(sd - std**2) < 5 * std**2 / np.sqrt(2 * N_DRAWS):
            t.fail(
                "sample_normal: spread",
                "value",
                f"the draws have std {sd:.3f} ≈ std² = {std**2:.3f}: you scaled by the variance. "
                "mean + std * z has standard deviation std.",
            )
        if abs(sd - np.sqrt(std)) < 5 * np.sqrt(std) / np.sqrt(2 * N_DRAWS):
            t.fail(
                "sample_normal: spread",
                "value",
                f"the draws have std {sd:.3f} ≈ sqrt(std): you scaled by the square root of the std. "
                "mean + std * z has standard deviation std.",
            )
        if abs(m - std) < 5 * sd / np.sqrt(N_DRAWS) and abs(sd - abs(mean)) < 5 * sd / np.sqrt(2 * N_DRAWS):
            t.fail(
                "sample_normal: centre",
                "value",
                f"the draws have mean {m:.3f} and std {sd:.3f}: mean and std are swapped.",
            )
        t.expect(
            "sample_normal: centre",
            abs(m - mean) < mean_tol,
            f"{N_DRAWS} draws average {m:.4f}, but N({mean:.3f}, {std:.3f}²) averages {mean:.3f} "
            f"(allowed: ±{mean_tol:.4f}) — shift by the mean: mean + std * z.",
        )
        t.expect(
            "sample_normal: spread",
            abs(sd - std) < sd_tol,
            f"{N_DRAWS} draws have std {sd:.4f}, expected {std:.4f} (allowed: ±{sd_tol:.4f}) — scale "
            "standard normal draws by the std: mean + std * z.",
        )
    with t.part("sample_uniform"):
        f = t.function("sample_uniform")
        # low is kept away from 0, where low + high * u would happen to be right.
        low = float(t.rng.choice([-1.0, 1.0]) * t.rng.uniform(1.0, 2.0))
        high = low + float(t.rng.uniform(3.5, 6.0))  # always > 0
        s = _reproducible(t, "sample_uniform", f, (low, high, N_DRAWS), seed)
        lo, hi = float(s.min()), float(s.max())
        a, b = sorted((low, low + high))  # where low + high * u would land
        if abs(hi - b) < 0.01 * abs(high) and abs(lo - a) < 0.01 * abs(high):
            t.fail(
                "sample_uniform: stays in [low, high)",
                "value",
                f"draws range over [{lo:.3f}, {hi:.3f}] = [low, low + high): low + high * u shifts "
                "[0, high) by low. The width of the interval is high - low: low + (high - low) * u.",
            )
        t.expect(
            "sample_uniform: stays in [low, high)",
            lo >= low and hi < high,
            f"draws range over [{lo:.3f}, {hi:.3f}], outside [{low:.3f}, {high:.3f}).",
        )
        want_mean, want_sd = (low + high) / 2, (high - low) / np.sqrt(12)
        t.expect(
            "sample_uniform: evenly spread",
            abs(float(s.mean()) - want_mean) < 5 * want_sd / np.sqrt(N_DRAWS)
            and abs(float(s.std()) - want_sd) < 0.01 * want_sd,
            f"mean {float(s.mean()):.4f} and std {float(s.std()):.4f}, but a uniform on [low, high) has "
            f"mean {want_mean:.4f} and std {want_sd:.4f}: stretch rng.random(n) linearly.",
        )
    with t.part("standardize"):
        _check_standardize(t)


def _check_standardize(t: Checker) -> None:
    f = t.function("standardize")
    X = t.rng.normal(size=(30, 4)) * np.array([1.0, 10.0, 0.1, 100.0]) + np.array([5.0, -20.0, 0.0, 300.0])
    before = X.copy()
    out = t.call(f, X)
    t.expect(
        "input left unchanged",
        np.array_equal(before, X),
        "standardize modified its input in place; return a new array.",
        kind="property",
    )
    mu, sd = X.mean(axis=0), X.std(axis=0)
    # rtol 1e-6: the `sd + 1e-8` guard many tutorials write is a right answer (it changes the
    # result by eps/sd ~ 1e-7 here); every named mistake below is off by 1e-3 or more.
    with np.errstate(all="ignore"):
        t.expect_close(
            "columns standardised",
            out,
            (X - mu) / sd,
            rtol=1e-6,
            atol=1e-9,
            mistakes={
                "you divided by the sample std (ddof=1); standardising here uses the population std "
                "(ddof=0), so each column ends with std exactly 1.": (X - mu) / X.std(axis=0, ddof=1),
                "you used one mean and std for the whole array; each column (feature) needs its own: axis=0.": (
                    X - X.mean()
                )
                / X.std(),
                "you standardised the rows (axis=1); the features are the columns: axis=0.": (
                    X - X.mean(axis=1, keepdims=True)
                )
                / X.std(axis=1, keepdims=True),
                "you divided by the std but did not subtract the mean.": X / sd,
                "you subtracted the mean but did not divide by the std.": X - mu,
                "you divided by the variance; divide by the standard deviation, its square root.": (X - mu) / sd**2,
                EPS_MESSAGE.format(eps="1e-5"): (X - mu) / (sd + 1e-5),
                EPS_MESSAGE.format(eps="1e-6"): (X - mu) / (sd + 1e-6),
            },
        )
    C = t.rng.normal(size=(10, 3))
    C[:, 1] = 7.0
    with np.errstate(all="ignore"):
        out = t.call(f, C.copy())
    if isinstance(out, np.ndarray) and out.shape == C.shape and not np.all(np.isfinite(out)):
        t.fail(
            "a constant column becomes zeros",
            "value",
            "a constant column became NaN: its std is 0 and 0/0 is NaN. Divide by 1 where the std is 0 "
            "(`np.where(X.max(axis=0) == X.min(axis=0), 1.0, sd)`), which leaves the centred column at 0.",
        )
    want = (C - C.mean(axis=0)) / np.where(C.std(axis=0) > 0, C.std(axis=0), 1.0)
    t.expect_close("a constant column becomes zeros", out, want, rtol=1e-6, atol=1e-9)

    # 0.1 is not representable: seven of them have a computed std of 1.4e-17, not 0.
    K = t.rng.normal(size=(7, 3))
    K[:, 0] = 0.1
    out = t.call(f, K.copy())
    want = (K - K.mean(axis=0)) / K.std(axis=0)
    want[:, 0] = 0.0
    if isinstance(out, np.ndarray) and out.shape == K.shape and np.all(np.abs(np.abs(out[:, 0]) - 1) < 1e-6):
        t.fail("a constant column of 0.1s becomes zeros", "value", ROUNDING)
    t.expect_close("a constant column of 0.1s becomes zeros", out, want, rtol=1e-6, atol=1e-6)
