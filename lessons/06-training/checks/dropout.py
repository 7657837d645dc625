"""Checker: inverted dropout — identity in eval, the keep/drop statistics, the 1/(1 − p) scale.

Judged as properties of the output, not against one mask: any way of drawing an independent
Bernoulli mask from the given rng passes. 200,000 elements make the drop rate's standard error
about 0.1 %, so a band of ±1 % (p = 0.3) is 10 standard errors wide.
"""

import numpy as np

from tutor.checks import Checker

P = 0.3


def _call(t, dropout, x, p, seed, training=True, step=None):
    before = x.copy()
    out = t.call(
        dropout,
        x,
        p,
        np.random.default_rng(seed),
        training=training,
        step=step or f"dropout(x, p={p}, training={training}) runs",
    )
    t.expect_unchanged("dropout leaves x alone", before, x, "dropout")
    return out


def check(t: Checker) -> None:
    dropout = t.function("dropout")
    x = t.rng.uniform(0.5, 2.0, size=(400, 500)) * t.rng.choice([-1.0, 1.0], size=(400, 500))

    out = eval_out = _call(t, dropout, x, P, t.seed, training=False)
    t.expect_array("eval mode: shape", out, shape=x.shape)
    if np.allclose(out, x * (1 - P)):
        t.fail(
            "eval mode is the identity",
            "value",
            "in eval mode you scaled by (1 − p): that is the old, "
            "non-inverted dropout. Inverted dropout scales by 1/(1 − p) during TRAINING, so evaluation "
            "returns x unchanged.",
        )
    t.expect(
        "eval mode is the identity",
        np.array_equal(out, x),
        "with training=False dropout must return x unchanged (no mask, no scaling)"
        + (" — you dropped elements at evaluation time." if np.any(out == 0) else "."),
    )

    out = np.asarray(_call(t, dropout, x, P, t.seed), dtype=np.float64)
    t.expect_array("training: shape", out, shape=x.shape)
    dropped = out == 0
    kept = ~dropped
    rows, cols = dropped.mean(axis=1), dropped.mean(axis=0)
    whole = max(np.mean((rows == 0) | (rows == 1)), np.mean((cols == 0) | (cols == 1)))
    t.expect(
        "training: each element is dropped independently",
        whole < 0.5,
        "whole rows or columns were dropped together: draw one random number per ELEMENT, "
        "rng.random(x.shape), not one per row or column.",
        kind="property",
    )
    rate = float(dropped.mean())
    if abs(rate - (1 - P)) < 0.01:
        t.fail(
            "training: drop rate ≈ p",
            "property",
            f"{rate:.1%} of the elements were zeroed with p = {P}: "
            f"p is the probability of DROPPING; you kept each element with probability p. Keep where "
            "rng.random(shape) >= p.",
        )
    t.expect(
        "training: drop rate ≈ p",
        abs(rate - P) < 0.01,
        f"{rate:.2%} of the elements were zeroed; with p = {P} about {P:.0%} should be.",
        kind="property",
    )
    ratio = out[kept] / x[kept]
    for factor, message in (
        (
            1.0,
            "the kept elements are not rescaled: multiply them by 1/(1 − p) so the "
            "expected output equals the input (inverted dropout).",
        ),
        (1 / P, "the kept elements were divided by p; divide by the KEEP probability 1 − p."),
        (1 - P, "the kept elements were multiplied by (1 − p); inverted dropout divides by it."),
    ):
        if np.allclose(ratio, factor):
            t.fail("training: kept elements scaled by 1/(1 − p)", "value", message)
    t.expect(
        "training: kept elements scaled by 1/(1 − p)",
        np.allclose(ratio, 1 / (1 - P), rtol=1e-9),
        f"kept elements should be x/(1 − p) = x·{1 / (1 - P):.4g}; got factors between {ratio.min():.4g} and "
        f"{ratio.max():.4g}.",
    )
    t.expect(
        "training: the mean is preserved",
        abs(out.mean() - x.mean()) < 0.02 * np.abs(x).mean(),
        f"mean input {x.mean():.4g}, mean output {out.mean():.4g}.",
        kind="property",
    )

    # Independent per-element draws make the NUMBER dropped binomial, so it varies from call to call
    # (sd ≈ 4.6 on 100 elements); a shuffle that always drops exactly round(p·n) never varies.
    tiny = t.rng.uniform(0.5, 2.0, size=(10, 10))
    masks = [np.asarray(_call(t, dropout, tiny, P, t.seed + 100 + k), dtype=np.float64) == 0 for k in range(12)]
    counts = {int(m.sum()) for m in masks}
    varied = any(not np.array_equal(m, masks[0]) for m in masks)  # an ignored rng is named further down
    t.expect(
        "training: each element is dropped independently",
        len(counts) > 1 or not varied,
        f"every call dropped exactly {counts.pop()} of 100 elements: you drop a FIXED count round(p·n) "
        "(a shuffled index set). Each element must be dropped independently with probability p, so the "
        "count varies from call to call: keep = rng.random(x.shape) >= p.",
        kind="property",
    )

    again = np.asarray(_call(t, dropout, x, P, t.seed), dtype=np.float64)
    second = np.asarray(_call(t, dropout, x, P, t.seed + 1), dtype=np.float64)
    t.expect(
        "dropout draws its mask from the rng it is given",
        np.array_equal(out, again) and not np.array_equal(out, second),
        "identically seeded generators gave different masks (or differently seeded ones the same mask): "
        "draw with the `rng` argument, not np.random.* or a fixed seed.",
        kind="property",
    )

    small = t.rng.normal(size=(3, 4)) + 3.0
    out0 = _call(t, dropout, small, 0.0, t.seed, step="dropout with p = 0 runs")
    t.expect_close("p = 0 keeps everything", out0, small)
    with np.errstate(all="ignore"):
        out1 = _call(t, dropout, small, 1.0, t.seed, step="dropout with p = 1 runs")
    arr = np.asarray(out1, dtype=np.float64)
    if arr.shape == small.shape and not np.all(np.isfinite(arr)):
        t.fail(
            "p = 1 drops everything",
            "value",
            "with p = 1 the output holds NaN: 0 · 1/(1 − 1) = 0 · inf. "
            "Handle p == 1 on its own: every element is dropped, return zeros.",
        )
    t.expect_close(
        "p = 1 drops everything",
        out1,
        np.zeros_like(small),
        mistakes={
            "with p = 1 your dropout returned x unchanged: p is the probability of DROPPING an element, so p = 1 "
            "drops every one and the output is all zeros.": small
        },
    )

    # The task promises a NEW array: handing back x itself lets a later in-place edit of the output
    # (out += ..., a residual add) silently change the caller's x.
    t.expect(
        "eval mode returns a new array",
        not np.shares_memory(eval_out, x),
        "with training=False you returned x itself (or a view of it); the task asks for a new array: "
        "return x.copy(), so that editing the output in place cannot change the caller's x.",
        kind="property",
    )
