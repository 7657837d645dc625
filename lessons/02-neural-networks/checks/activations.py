"""Checker: ReLU, sigmoid and tanh, and their derivatives with respect to the pre-activation x."""

import numpy as np

from tutor.checks import Checker

EXTREMES = np.array([-1000.0, -750.0, -40.0, -1.5, 0.0, 1.5, 40.0, 750.0, 1000.0])


def _sig(x):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def _array_hint(exc):
    text = str(exc)
    if "truth value of an array" in text:
        return "`max(0, x)` or `if x > 0` only work on single numbers; on arrays use np.maximum(x, 0) or (x > 0)."
    if "only length-1 arrays" in text or "only 0-dimensional arrays" in text or "math" in text:
        return "math.exp/math.tanh work on single numbers; use np.exp / np.tanh, which work elementwise."
    return None


def _values(t, name, fn, x, expected, mistakes=None):
    """Call `fn` on a copy of x, compare with `expected`, and check x was left alone."""
    before = x.copy()
    out = t.call(fn, x, step=f"{name} runs", hint=_array_hint)
    t.expect_close(f"{name}: values", out, expected, mistakes=mistakes)
    t.expect(
        f"{name}: input left unchanged",
        np.array_equal(before, x),
        f"{name} modified its input array in place (e.g. `x[x < 0] = 0`); the caller still needs "
        "the pre-activation, so build a new array (np.maximum, np.where, or x.copy() first).",
        kind="property",
    )


def _finite(t, name, fn, expected, advice):
    out = t.call(fn, EXTREMES.copy(), step=f"{name} runs", hint=_array_hint)
    arr = np.asarray(out, dtype=float) if isinstance(out, np.ndarray) else None
    if arr is not None and arr.shape == EXTREMES.shape and not np.all(np.isfinite(arr)):
        bad = EXTREMES[~np.isfinite(arr)]
        t.fail(f"{name}: large inputs", "value", f"{name} gave NaN/inf for x = {bad.tolist()}: {advice}")
    t.expect_close(f"{name}: large inputs", out, expected, rtol=1e-6, atol=1e-12)


def check(t: Checker) -> None:
    ref = t.reference
    x = t.rng.normal(size=(6, 5)) * 3
    x[np.abs(x) < 1e-3] = 0.5  # keep the kink of ReLU out of the way here
    s = ref.sigmoid(x)
    th = np.tanh(x)

    with t.part("relu"):
        relu = t.function("relu")
        _values(
            t,
            "relu",
            relu,
            x.copy(),
            ref.relu(x),
            mistakes={
                "relu returned 1 for positive inputs: that is its derivative; relu(x) = max(x, 0).": (x > 0).astype(
                    float
                ),
                "relu returned |x|; negative inputs must give 0: np.maximum(x, 0).": np.abs(x),
            },
        )

    with t.part("relu_derivative"):
        relu_d = t.function("relu_derivative")
        _values(
            t,
            "relu_derivative",
            relu_d,
            x.copy(),
            ref.relu_derivative(x),
            mistakes={
                "relu_derivative returned relu(x) itself; the slope is 1 where x > 0 and 0 elsewhere.": ref.relu(x),
                "relu_derivative is reversed: the slope is 1 where x > 0 and 0 where x < 0.": (x < 0).astype(float),
                "relu_derivative returned np.sign(x), which is -1 for negative inputs; ReLU is flat there, "
                "so its slope is 0 (1 where x > 0, 0 elsewhere).": np.sign(x),
            },
        )
        # At exactly 0 ReLU has a kink: any value in [0, 1] is a valid subgradient.
        z = np.array([-2.0, 0.0, 3.0, 0.0, -0.5])
        out = t.call(relu_d, z.copy(), step="relu_derivative runs", hint=_array_hint)
        t.expect_shape("relu_derivative: at x = 0 (shape)", out, z.shape)
        if out.dtype == bool:
            # The task asks for the slope 1.0 / 0.0; booleans break arithmetic such as -relu_derivative(x).
            t.fail(
                "relu_derivative: returns floats",
                "shape",
                "relu_derivative returned a boolean array (True/False, e.g. `x > 0`); return the slope as "
                "floats 1.0 / 0.0: `(x > 0).astype(float)`.",
            )
        got = np.asarray(out, dtype=float)
        away = z != 0
        ok_away = np.array_equal(got[away], (z[away] > 0).astype(float))
        ok_zero = bool(np.all((got[~away] >= 0) & (got[~away] <= 1)))
        t.expect(
            "relu_derivative: at x = 0",
            ok_away and ok_zero,
            f"for x = {z.tolist()} you returned {got.tolist()}; away from 0 the slope is 0 or 1, and "
            "at exactly 0 any value between 0 and 1 (usually 0) is accepted.",
        )

    with t.part("sigmoid"):
        sigmoid = t.function("sigmoid")
        _values(
            t,
            "sigmoid",
            sigmoid,
            x.copy(),
            s,
            mistakes={
                "sigmoid has a sign error: 1 / (1 + exp(x)) is sigmoid(-x); use exp(-x).": _sig(-x),
            },
        )
        _finite(
            t,
            "sigmoid",
            sigmoid,
            ref.sigmoid(EXTREMES),
            "exp overflowed. exp(x) / (1 + exp(x)) is inf/inf for large x; use 1 / (1 + np.exp(-x)) "
            "(or pick the form by the sign of x so exp never sees a large positive number).",
        )

    with t.part("sigmoid_derivative"):
        sigmoid_d = t.function("sigmoid_derivative")
        _values(
            t,
            "sigmoid_derivative",
            sigmoid_d,
            x.copy(),
            s * (1 - s),
            mistakes={
                "sigmoid_derivative returned x * (1 - x): that is the convention of tutorials whose function "
                "expects the already-activated value s = sigmoid(x). Here the argument is the pre-activation "
                "x: compute s = sigmoid(x) first, then return s * (1 - s).": x * (1 - x),
                "sigmoid_derivative returned sigmoid(x) * (1 - x); both factors use s = sigmoid(x): s * (1 - s).": s
                * (1 - x),
                "sigmoid_derivative returned sigmoid(x) itself; the derivative is s * (1 - s).": s,
                "sigmoid_derivative returned s * (1 + s); the derivative is s * (1 - s).": s * (1 + s),
            },
        )
        _finite(
            t,
            "sigmoid_derivative",
            sigmoid_d,
            ref.sigmoid_derivative(EXTREMES),
            "exp overflowed (if sigmoid_derivative calls your sigmoid, fix sigmoid first). "
            "exp(-x) / (1 + exp(-x))**2 is inf/inf for very negative x; compute s = sigmoid(x) with "
            "a stable sigmoid and return s * (1 - s).",
        )

    with t.part("tanh"):
        tanh = t.function("tanh")
        _values(t, "tanh", tanh, x.copy(), th)
        _finite(
            t,
            "tanh",
            tanh,
            np.tanh(EXTREMES),
            "exp overflowed. (e^x - e^-x) / (e^x + e^-x) is inf/inf for large |x|; use np.tanh "
            "(or 2 * sigmoid(2x) - 1 with a stable sigmoid).",
        )

    with t.part("tanh_derivative"):
        tanh_d = t.function("tanh_derivative")
        _values(
            t,
            "tanh_derivative",
            tanh_d,
            x.copy(),
            1 - th**2,
            mistakes={
                "tanh_derivative returned 1 - x**2: that is the convention of tutorials whose function "
                "expects the already-activated value a = tanh(x). Here the argument is the pre-activation "
                "x: return 1 - np.tanh(x)**2.": 1 - x**2,
                "tanh_derivative returned 1 - tanh(x); the tanh must be squared: 1 - tanh(x)**2.": 1 - th,
                "tanh_derivative returned 1 + tanh(x)**2; the derivative is 1 - tanh(x)**2.": 1 + th**2,
            },
        )
        _finite(
            t,
            "tanh_derivative",
            tanh_d,
            1 - np.tanh(EXTREMES) ** 2,
            "exp overflowed for large |x|; write it with np.tanh: 1 - np.tanh(x)**2.",
        )
