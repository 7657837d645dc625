"""Checker: a perceptron, step(x · w + b), for one sample and for a batch."""

import numpy as np
from _common import int_problem

from tutor.checks import Checker


def _clear(rng, d, n=None, margin=0.05):
    """weights, bias and inputs with every pre-activation (with and without bias, and with -b) clear of 0."""
    while True:
        w = rng.normal(size=d)
        b = float(rng.choice([-1, 1]) * rng.uniform(0.3, 1.2))
        x = rng.normal(size=(d,) if n is None else (n, d))
        z = x @ w
        if min(np.min(np.abs(z + b)), np.min(np.abs(z)), np.min(np.abs(z - b))) > margin:
            return x, w, b


def _batch_hint(exc):
    text = str(exc)
    if "truth value of an array" in text:
        return (
            "an `if` on a whole array: for a batch, z is an array of n values. Use "
            "`(z > 0).astype(int)` or `np.where(z > 0, 1, 0)`, which work for one sample and a batch."
        )
    if "not aligned" in text or "mismatch in its core dimension" in text or "shapes" in text:
        return (
            "for a batch x has shape (n, d) and weights (d,): compute `x @ weights` "
            "(np.dot(weights, x) only works for a single sample)."
        )
    return None


def check(t: Checker) -> None:
    perceptron = t.function("perceptron")
    ref = t.reference.perceptron
    d = 3

    # ---- one sample --------------------------------------------------------
    singles = [_clear(t.rng, d) for _ in range(30)]
    outputs = [t.call(perceptron, x.copy(), w.copy(), b) for x, w, b in singles]
    for got, (x, w, b) in zip(outputs, singles, strict=True):
        problem = int_problem(
            got, total="z > 0", sum_name="the pre-activation z = x·w + b", z=float(x @ w + b), allow_0d=True
        )
        if problem:
            t.fail("one sample: returns an int", "shape", f"perceptron {problem}")
    t.passed("one sample: returns an int", "shape")
    got = np.array([int(g) for g in outputs])
    want = np.array([ref(x, w, b) for x, w, b in singles])
    _judge(t, "one sample: values", got, want, singles)

    # z exactly 0: x·w = 0.5 - 0.5, b = 0.
    got0 = t.call(perceptron, np.array([1.0, 2.0]), np.array([0.5, -0.25]), 0.0)
    t.expect(
        "pre-activation exactly 0 gives 0",
        int_problem(got0, allow_0d=True) is None and int(got0) == 0,
        f"w·x + b is exactly 0 here and you returned {np.asarray(got0).tolist()!r}: the step is 1 only for w·x + b > 0, "
        "so use `>`, not `>=`.",
    )

    # ---- a batch -----------------------------------------------------------
    n = 40
    x, w, b = _clear(t.rng, d, n)
    out = t.call(perceptron, x.copy(), w.copy(), b, step="a batch (n, d) runs", hint=_batch_hint)
    if isinstance(out, list | tuple):
        t.fail(
            "a batch: returns an array",
            "shape",
            f"for a batch you returned a {type(out).__name__}; "
            "return a NumPy array of shape (n,), e.g. `(z > 0).astype(int)`.",
        )
    t.expect_shape("a batch: returns an array", out, (n,))
    if out.dtype == bool:
        t.fail(
            "a batch: integer 0/1",
            "shape",
            "for a batch you returned booleans (True/False); "
            "return integers 0/1 with `.astype(int)` (or np.where(z > 0, 1, 0)).",
        )
    if not np.all(np.isin(out, [0, 1])):
        t.fail(
            "a batch: integer 0/1",
            "value",
            f"the outputs should all be 0 or 1, got {np.round(out, 4).tolist()}"
            " — apply the step: 1 where x @ w + b > 0, else 0.",
        )
    if out.dtype.kind not in "iu":
        t.fail(
            "a batch: integer 0/1",
            "shape",
            f"for a batch you returned an array of dtype {out.dtype}; "
            "return integers 0/1, e.g. `(z > 0).astype(int)` or np.where(z > 0, 1, 0).",
        )
    t.passed("a batch: integer 0/1", "value")
    batch = [(row, w, b) for row in x]
    _judge(t, "a batch: values", np.asarray(out).astype(int), ref(x, w, b), batch)

    before = x.copy()
    t.call(perceptron, x, w.copy(), b, step="a batch (n, d) runs", hint=_batch_hint)
    t.expect(
        "input left unchanged",
        np.array_equal(before, x),
        "perceptron modified the input array in place; compute into a new array.",
    )


def _judge(t, name, got, want, cases):
    """Compare 0/1 outputs; name a missing or subtracted bias, or an inverted step."""
    if np.array_equal(got, want):
        t.passed(name, "value")
        return
    z = np.array([x @ w for x, w, _ in cases])
    b = np.array([bias for _, _, bias in cases])
    patterns = [
        ((z > 0).astype(int), "the bias is missing: the step is applied to x·w + b, not to x·w alone."),
        ((z - b > 0).astype(int), "you subtracted the bias (x·w - b); the perceptron uses x·w + b."),
        ((z + b <= 0).astype(int), "your step is inverted: output 1 when x·w + b > 0, else 0."),
    ]
    k = int(np.flatnonzero(got != want)[0])
    x, w, bias = cases[k]
    message = (
        f"for x={np.round(x, 4).tolist()}, weights={np.round(w, 4).tolist()}, bias={bias:.4g} "
        f"(x·w + b = {z[k] + b[k]:.4g}) you returned {got[k]}, expected {want[k]}."
    )
    for pattern, explanation in patterns:
        if np.array_equal(got, pattern):
            message = f"{explanation} ({message})"
            break
    t.fail(name, "value", message)
