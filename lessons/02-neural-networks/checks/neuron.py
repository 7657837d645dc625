"""Checker: a threshold neuron, 1 if the weighted sum exceeds the threshold."""

import numpy as np
from _common import int_problem

from tutor.checks import Checker


def _cases(rng, count):
    """Random (inputs, weights, threshold), each weighted sum well clear of its threshold."""
    cases = []
    while len(cases) < count:
        n = int(rng.integers(2, 7))
        inputs = np.round(rng.uniform(-2, 2, size=n), 3)
        weights = np.round(rng.uniform(-1, 1, size=n), 3)
        threshold = float(np.round(rng.uniform(-1.5, 1.5), 2))
        total = inputs @ weights
        # Clear of every boundary a wrong variant uses, so float order never matters.
        if min(abs(total - threshold), abs(total - 0.5), abs(total + threshold), abs(inputs.sum() - threshold)) > 0.05:
            cases.append((inputs, weights, threshold))
    return cases


def check(t: Checker) -> None:
    neuron = t.function("simple_neuron")
    ref = t.reference.simple_neuron

    # One easy case first, to check the type of what comes back.
    out = t.call(neuron, np.array([1.0, 0.5]), np.array([0.9, 0.4]), 0.5)
    problem = int_problem(out, z=1.1)  # 1.0 * 0.9 + 0.5 * 0.4
    t.expect("returns an int (1 or 0)", problem is None, f"simple_neuron {problem}", kind="shape")

    cases = _cases(t.rng, 40)
    outputs = [t.call(neuron, inputs.copy(), weights.copy(), threshold) for inputs, weights, threshold in cases]
    for got in outputs:
        if int_problem(got) is not None:
            t.fail("random inputs", "value", f"simple_neuron {int_problem(got)}")
    got = np.array([int(g) for g in outputs])
    want = np.array([ref(*case) for case in cases])
    if np.array_equal(got, want):
        t.passed("random inputs", "value", f"{len(cases)} random neurons")
    else:
        totals = np.array([inputs @ weights for inputs, weights, _ in cases])
        thresholds = np.array([threshold for _, _, threshold in cases])
        unweighted = np.array([inputs.sum() for inputs, _, _ in cases])
        patterns = [
            (
                (totals > 0.5).astype(int),
                "you compared with 0.5 instead of the `threshold` argument "
                "— use the parameter, not a hard-coded value.",
            ),
            (
                (totals <= thresholds).astype(int),
                "your output is inverted: return 1 when the weighted sum is *above* the threshold, else 0.",
            ),
            ((unweighted > thresholds).astype(int), "you added up the inputs without multiplying each by its weight."),
            (
                (totals > -thresholds).astype(int),
                "you compared the sum with -threshold (e.g. "
                "`total + threshold > 0`); the neuron fires when `total > threshold`.",
            ),
        ]
        k = int(np.flatnonzero(got != want)[0])
        inputs, weights, threshold = cases[k]
        message = (
            f"simple_neuron(inputs={inputs.tolist()}, weights={weights.tolist()}, "
            f"threshold={threshold}) returned {got[k]}; the weighted sum is {totals[k]:.4g}, "
            f"so the answer is {want[k]}."
        )
        for pattern, explanation in patterns:
            if np.array_equal(got, pattern):
                message = f"{explanation} ({message})"
                break
        t.fail("random inputs", "value", message)

    # A weighted sum exactly equal to the threshold (all values exact in binary).
    got = t.call(neuron, np.array([1.0, 0.0, 1.0]), np.array([0.25, 0.5, 0.25]), 0.5)
    t.expect(
        "sum equal to the threshold gives 0",
        int_problem(got) is None and int(got) == 0,
        f"the weighted sum is exactly 0.5 = threshold and you returned {got!r}: the neuron fires "
        "only when the sum *exceeds* the threshold, so use `>`, not `>=`.",
    )

    t.expect(
        "default threshold is 0.5",
        t.call(neuron, np.array([1.0, 1.0]), np.array([0.3, 0.3])) == 1
        and t.call(neuron, np.array([1.0, 1.0]), np.array([0.2, 0.2])) == 0,
        "called without a threshold, the neuron should compare with the default 0.5 "
        "(sum 0.6 → 1, sum 0.4 → 0); keep `threshold=0.5` in the signature.",
    )

    # Plain Python lists are inputs too.
    def list_hint(exc):
        if isinstance(exc, TypeError) and "sequence" in str(exc):
            return (
                "`inputs * weights` on Python lists is not elementwise (it repeats lists); "
                "convert with np.asarray(...) first, or use np.dot / sum(i * w for i, w in zip(...))."
            )
        return "the inputs may be plain Python lists; convert them with np.asarray(...)."

    for inputs, weights, threshold in cases[:8]:
        got = t.call(neuron, inputs.tolist(), weights.tolist(), threshold, step="works on Python lists", hint=list_hint)
        want = ref(inputs, weights, threshold)
        if int_problem(got) is not None or int(got) != want:
            t.fail(
                "works on Python lists",
                "value",
                f"with Python lists inputs={inputs.tolist()}, weights={weights.tolist()}, "
                f"threshold={threshold} you returned {got!r}, expected {want}.",
            )
    t.passed("works on Python lists", "value")
