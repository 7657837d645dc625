"""Checker: scaled dot-product attention in NumPy, against torch.nn.functional.scaled_dot_product_attention.

Weights are compared with the checker's own NumPy attention, outputs with PyTorch's (float64).
Each masked case also tries the classic masking mistakes, so a failure names them.
"""

import numpy as np
import torch
import torch.nn.functional as F
from _common import (
    MASK_AFTER_SOFTMAX,
    SOFTMAX_OVER_QUERIES,
    attention,
    dot_t_hint,
    expect_named_shape,
    is_shape_clash,
    numpy_only,
)

from tutor.checks import Checker

RTOL, ATOL = 1e-6, 1e-9  # float64 throughout


def torch_attention(q, k, v, mask=None):
    with torch.no_grad():
        m = None if mask is None else torch.from_numpy(np.ascontiguousarray(mask))
        return F.scaled_dot_product_attention(
            torch.from_numpy(q), torch.from_numpy(k), torch.from_numpy(v), attn_mask=m
        ).numpy()


def matmul_hint(exc):
    return dot_t_hint("k") if is_shape_clash(exc) else None


def run(t, fn, name, q, k, v, mask=None):
    args = [q.copy(), k.copy(), v.copy()] + ([] if mask is None else [mask.copy()])
    result = t.call(fn, *args, step=f"{name}: runs", hint=matmul_hint)
    if not isinstance(result, tuple | list) or len(result) != 2:
        got = f"{len(result)} values" if isinstance(result, tuple | list) else type(result).__name__
        t.fail(f"{name}: returns (out, weights)", "shape", f"return the pair (out, weights); got {got}.")
    return result


def shapes(t, name, out, weights, q, k, v):
    lead = np.broadcast_shapes(q.shape[:-2], k.shape[:-2])
    lq, lk, dv = q.shape[-2], k.shape[-2], v.shape[-1]
    want_w, want_o = (*lead, lq, lk), (*lead, lq, dv)
    got_w, got_o = getattr(weights, "shape", None), getattr(out, "shape", None)
    if want_w != want_o and got_w == want_o and got_o == want_w:
        t.fail(f"{name}: output and weights", "shape", "you returned (weights, out); return (out, weights).")
    expect_named_shape(
        t,
        f"{name}: weights",
        weights,
        want_w,
        {
            (*lead, lk, lq): "the weights are transposed — scores are q @ kᵀ (one row per query), not k @ qᵀ.",
        },
        record=False,
    )
    t.expect_array(f"{name}: weights", weights, shape=want_w)
    expect_named_shape(
        t,
        f"{name}: output",
        out,
        want_o,
        {
            (*lead, lk, dv): "the output has one row per KEY; it needs one per query: weights @ v.",
        },
        record=False,
    )
    t.expect_array(f"{name}: output", out, shape=want_o)


def scale_mistakes(q, k, v, mask=None):
    d, lk, dv = q.shape[-1], k.shape[-2], v.shape[-1]
    out = {}

    def add(kind, message):
        out.setdefault(message, attention(q, k, v, mask, **kind)[1])

    add({"scale": "none"}, f"the 1/√d scale is missing: divide the scores by √d = √{d} before the softmax.")
    add({"scale": "d"}, f"you divided the scores by d = {d}; the scale is 1/√d (the scores' spread grows like √d).")
    if lk != d:
        add(
            {"scale": "sqrt_len"},
            f"you scaled by √{lk}, the square root of the number of KEYS; the scale is "
            f"1/√d with d = {d}, the width of a query/key vector (q.shape[-1]).",
        )
    if dv != d:
        add({"scale": "sqrt_dv"}, f"you scaled by √{dv}, the width of v; d is the width of q and k (q.shape[-1]).")
    add({"axis": -2}, SOFTMAX_OVER_QUERIES)
    return out


def mask_mistakes(q, k, v, mask):
    return {
        MASK_AFTER_SOFTMAX: attention(q, k, v, mask, mask_at="after")[1],
        "the mask is inverted: here True means 'may attend' (the convention of "
        "F.scaled_dot_product_attention), but you blocked the True positions.": attention(
            q, k, v, mask, mask_at="inverted"
        )[1],
        "blocked scores were set to 0, not -inf: exp(0) = 1, so blocked keys still get weight. Use "
        "np.where(mask, scores, -np.inf).": attention(q, k, v, mask, mask_fill="zero")[1],
    }


def case(t, fn, name, q, k, v, mask=None):
    out, weights = run(t, fn, name, q, k, v, mask)
    shapes(t, name, out, weights, q, k, v)
    mistakes = scale_mistakes(q, k, v, mask)
    if mask is not None:
        mistakes = {**mask_mistakes(q, k, v, mask), **mistakes}
    want_w = attention(q, k, v, mask)[1]
    t.expect_close(f"{name}: weights", weights, want_w, rtol=RTOL, atol=ATOL, mistakes=mistakes)
    t.expect_close(
        f"{name}: output (vs F.scaled_dot_product_attention)", out, torch_attention(q, k, v, mask), rtol=RTOL, atol=ATOL
    )


def check(t: Checker) -> None:
    numpy_only(t)
    fn = t.function("scaled_dot_product_attention")
    rng = t.rng

    # Batch and heads, cross-attention: Lq, Lk, d and dv all different, so every scale mistake shows.
    q = rng.normal(size=(2, 3, 5, 8))
    k = rng.normal(size=(2, 3, 7, 8))
    v = rng.normal(size=(2, 3, 7, 4))
    case(t, fn, "(2, 3) batch of heads, 5 queries over 7 keys", q, k, v)
    before = [a.copy() for a in (q, k, v)]
    t.call(fn, q, k, v, step="inputs left unchanged: runs")
    for label, b, a in zip("qkv", before, (q, k, v), strict=True):
        t.expect_unchanged(f"input {label} left unchanged", b, a, "scaled_dot_product_attention")

    # No leading axes at all.
    x = rng.normal(size=(6, 4))
    case(t, fn, "plain 2-D q, k, v", x + rng.normal(size=(6, 4)), x, rng.normal(size=(6, 3)))

    # Causal self-attention: query i sees keys 0..i.
    L = 6
    s = rng.normal(size=(2, L, 8))
    causal = np.tril(np.ones((L, L), dtype=bool))
    case(t, fn, "causal mask (L, L)", s, s + 0.5 * rng.normal(size=s.shape), rng.normal(size=(2, L, 5)), causal)

    # Padding: batch element b has only lengths[b] real keys; the mask (B, 1, 1, Lk) broadcasts over heads and queries.
    lengths = np.array([7, 4])
    padding = (np.arange(7)[None, :] < lengths[:, None])[:, None, None, :]
    case(t, fn, "padding mask (B, 1, 1, Lk)", q, k, v, padding)

    # A query row with no allowed key must come out as zeros, not NaN.
    empty = np.tril(np.ones((5, 7), dtype=bool), k=1)
    empty[2] = False
    with np.errstate(all="ignore"):
        out, weights = run(t, fn, "a fully masked row", q[0, 0], k[0, 0], v[0, 0], empty)
    shapes(t, "a fully masked row", out, weights, q[0, 0], k[0, 0], v[0, 0])
    w = np.asarray(weights, dtype=np.float64)
    o = np.asarray(out, dtype=np.float64)
    if not (np.all(np.isfinite(w[2])) and np.all(np.isfinite(o[2]))):
        t.fail(
            "a fully masked row gives zeros",
            "value",
            "query 2 may attend to no key at all, and you returned NaN: softmax over a row of -inf is "
            "0/0. Subtract a finite maximum (use 0 where the row's max is -inf) and leave such rows "
            "as zeros (divide by 1 where the row's sum is 0).",
        )
    if np.allclose(w[2], 1 / 7) or np.allclose(w[2], w[2].mean()) and w[2].mean() > 0:
        t.fail(
            "a fully masked row gives zeros",
            "value",
            "query 2 may attend to no key, and you gave it a uniform average over all keys: that is "
            "what filling blocked scores with a large negative number (or a big negative added "
            "to every blocked score) gives. A row with no allowed key must be all zeros.",
        )
    t.expect_close("a fully masked row gives zeros: weights", w[2], np.zeros(7), rtol=RTOL, atol=ATOL)
    t.expect_close("a fully masked row gives zeros: output", o[2], np.zeros(4), rtol=RTOL, atol=ATOL)
    t.expect_close(
        "the other rows of that case", o, torch_attention(q[0, 0], k[0, 0], v[0, 0], empty), rtol=RTOL, atol=ATOL
    )

    # Huge scores: exp must not overflow.
    big_q, big_k = q * 40, k * 40
    with np.errstate(all="ignore"):
        out, weights = run(t, fn, "huge scores", big_q, big_k, v)
    if isinstance(weights, np.ndarray) and not np.all(np.isfinite(weights)):
        t.fail(
            "huge scores stay finite",
            "value",
            "with large queries and keys, exp(scores) overflowed to inf and the weights became NaN. "
            "Subtract each row's maximum score before exponentiating.",
        )
    t.expect_close("huge scores stay finite", out, torch_attention(big_q, big_k, v), rtol=1e-5, atol=1e-7)
