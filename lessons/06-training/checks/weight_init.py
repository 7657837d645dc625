"""Checker: xavier_uniform and he_normal — shape, use of the given rng, distribution, and 20 layers.

Statistics are measured on a 400×100 draw (fan_in ≠ fan_out, so fan_in, fan_out and their average
give different scales; a wrong scale is matched against the usual slips and named). Then the
activations' std is followed through 20 tanh layers (Xavier) and 20 ReLU layers (He), streamed
as two curves, and must stay in a band. Bands: the reference ends at 0.15-0.17 (tanh) and
0.70-1.05 (ReLU) over 6 seeds; N(0, 1) weights saturate tanh at ~0.97, LeCun weights shrink ReLU
activations to ~0.001.
"""

import numpy as np

from tutor.checks import Checker

FAN_IN, FAN_OUT = 400, 100
WIDTH, DEPTH, BATCH = 256, 20, 256
TANH_BAND = (0.07, 0.4)
RELU_BAND = (0.25, 4.0)


def _candidates(fan_in, fan_out):
    """(std, what it is) for the scales a slip produces."""
    return [
        (np.sqrt(2 / (fan_in + fan_out)), "Xavier's scale, √(2 / (fan_in + fan_out))"),
        (
            np.sqrt(6 / (fan_in + fan_out)),
            "the uniform BOUND a = √(6 / (fan_in + fan_out)) used as the standard deviation",
        ),
        (
            np.sqrt(2 / (fan_in + fan_out)) / np.sqrt(3),
            "a uniform whose bound is the std √(2 / (fan_in + fan_out)) — the bound must be √3 times the std",
        ),
        (np.sqrt(1 / fan_in), "√(1 / fan_in) (LeCun's scale: fan_in only, no factor 2)"),
        (np.sqrt(2 / fan_in), "He's scale, √(2 / fan_in)"),
        (np.sqrt(6 / fan_in), "the He-uniform bound √(6 / fan_in) used as the standard deviation"),
        (np.sqrt(2 / fan_out), "√(2 / fan_out) — fan_out where fan_in belongs (is your matrix transposed?)"),
        (np.sqrt(1 / fan_out), "√(1 / fan_out)"),
        (
            2 / fan_in,
            "the VARIANCE 2 / fan_in passed as the standard deviation: rng.normal(0, σ) wants σ = √(2 / fan_in)",
        ),
        (2 / (fan_in + fan_out), "the variance 2 / (fan_in + fan_out) used as a scale; take its square root"),
        (1.0, "a standard normal/uniform without any scaling"),
    ]


def _draw(t, fn, name, seed, fan_in=FAN_IN, fan_out=FAN_OUT):
    return t.call(fn, fan_in, fan_out, np.random.default_rng(seed), step=f"{name}({fan_in}, {fan_out}, rng) runs")


def _check_basics(t, fn, name):
    w = _draw(t, fn, name, t.seed)
    t.expect_array(f"{name}: shape ({FAN_IN}, {FAN_OUT})", w, shape=(FAN_IN, FAN_OUT))
    t.expect(
        f"{name}: not all zero",
        bool(np.any(np.asarray(w, dtype=np.float64) != 0)),
        "every weight is 0: the scale came out as zero. Integer division does that — 6 // (fan_in + fan_out) "
        "and 2 // fan_in are 0 for layers wider than a few units; use true division, 6 / (fan_in + fan_out).",
        kind="value",
    )
    again = _draw(t, fn, name, t.seed)
    other = _draw(t, fn, name, t.seed + 1)
    t.expect(
        f"{name} draws from the rng it is given",
        np.array_equal(w, again) and not np.array_equal(w, other),
        "two calls with identically seeded generators gave different weights (or differently seeded ones "
        "the same): draw with the `rng` argument (rng.uniform / rng.normal), not np.random.* or a fixed seed.",
        kind="property",
    )
    w = np.asarray(w, dtype=np.float64)
    n = w.size
    t.expect(
        f"{name}: zero mean",
        abs(w.mean()) < 5 * w.std() / np.sqrt(n) + 1e-12,
        f"the weights' mean is {w.mean():.4g}, not ≈ 0: initialise symmetrically around zero (U(−a, a), N(0, σ²)).",
        kind="property",
    )
    return w


def _check_scale(t, name, w, want, label):
    got = float(w.std())
    if abs(got / want - 1) < 0.03:
        t.passed(f"{name}: scale", "value", f"std {got:.4g} (expected {want:.4g})")
        return
    for std, what in _candidates(FAN_IN, FAN_OUT):
        if abs(got / std - 1) < 0.03:
            t.fail(
                f"{name}: scale",
                "value",
                f"for fan_in={FAN_IN}, fan_out={FAN_OUT} the weights' std is {got:.4g}: that is {what}. {label}",
                expected=want,
                got=got,
            )
    t.fail(
        f"{name}: scale",
        "value",
        f"for fan_in={FAN_IN}, fan_out={FAN_OUT} the weights' std is {got:.4g}, expected {want:.4g}. {label}",
        expected=want,
        got=got,
    )


def _propagate(t, fn, name, act, series):
    rng = np.random.default_rng(t.seed + 5)
    x = rng.normal(size=(BATCH, WIDTH))
    stds = []
    for layer in range(DEPTH):
        w = np.asarray(_draw(t, fn, name, t.seed * 31 + layer, WIDTH, WIDTH), dtype=np.float64)
        x = act(x @ w)
        stds.append(float(x.std()))
        t.curve(series, layer + 1, stds[-1])
    return stds, x


def check(t: Checker) -> None:
    xavier = t.function("xavier_uniform")
    he = t.function("he_normal")

    with t.part("xavier_uniform"):
        w = _check_basics(t, xavier, "xavier_uniform")
        a = np.sqrt(6 / (FAN_IN + FAN_OUT))
        _check_scale(
            t,
            "xavier_uniform",
            w,
            a / np.sqrt(3),
            "Xavier uniform draws U(−a, a) with a = √(6 / (fan_in + fan_out)); its std is a/√3.",
        )
        top = np.abs(w).max()
        t.expect(
            "xavier_uniform: uniform on (−a, a)",
            top <= a * (1 + 1e-9) and top > 0.97 * a and 0.07 < np.mean(np.abs(w) > 0.9 * a) < 0.13,
            f"the weights do not look uniform on (−{a:.4g}, {a:.4g}): the largest |w| is {top:.4g} and "
            f"{np.mean(np.abs(w) > 0.9 * a):.1%} lie beyond 0.9a (10% for a uniform). Draw with "
            "rng.uniform(-a, a, size=...) — a normal with the same std has long tails.",
            kind="property",
        )
        stds, x = _propagate(t, xavier, "xavier_uniform", np.tanh, "std per layer: tanh + Xavier")
        saturated = float(np.mean(np.abs(x) > 0.99))
        lo, hi = TANH_BAND
        t.expect(
            "tanh + Xavier keeps the activations' scale over 20 layers",
            lo <= stds[-1] <= hi,
            f"after 20 tanh layers the activations' std is {stds[-1]:.3g} (band {lo}–{hi}; per layer: "
            f"{', '.join(f'{s:.2g}' for s in stds[::4])}, ...)"
            + (
                f" — {saturated:.0%} of the units are saturated at ±1: the weights are too large."
                if saturated > 0.2
                else " — the signal dies out: the weights are too small."
            ),
            kind="convergence",
            stds=stds,
        )

    with t.part("he_normal"):
        w = _check_basics(t, he, "he_normal")
        _check_scale(
            t,
            "he_normal",
            w,
            np.sqrt(2 / FAN_IN),
            "He normal draws N(0, 2 / fan_in): standard deviation √(2 / fan_in).",
        )
        sigma = w.std()
        tails = float(np.mean(np.abs(w) > 2 * sigma))
        t.expect(
            "he_normal: normally distributed",
            0.035 < tails < 0.058,
            f"{tails:.2%} of the weights lie beyond two standard deviations; a normal distribution has "
            "4.6% there (a uniform has none). Draw with rng.normal(0, std, size=...).",
            kind="property",
        )
        stds, _ = _propagate(t, he, "he_normal", lambda z: np.maximum(z, 0), "std per layer: ReLU + He")
        lo, hi = RELU_BAND
        t.expect(
            "ReLU + He keeps the activations' scale over 20 layers",
            lo <= stds[-1] <= hi,
            f"after 20 ReLU layers the activations' std is {stds[-1]:.3g} (band {lo}–{hi}; per layer: "
            f"{', '.join(f'{s:.2g}' for s in stds[::4])}, ...): each layer multiplies the scale by a "
            "constant factor, so any error in Var(W) grows geometrically with depth.",
            kind="convergence",
            stds=stds,
        )
