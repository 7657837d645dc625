"""Helpers shared by the 05-transformers checkers (checker code, independent of the references).

`numpy_only` and `expect_named_shape` are general enough for the checker library (stage 03 has
its own copies); they live here until the library takes them.
"""

from __future__ import annotations

import re
import types

import numpy as np


def numpy_only(t) -> None:
    """Fail if the learner's module pulled in torch (the checker may use it, the learner may not)."""
    for name, value in vars(t.learner).items():
        if name.startswith("__"):
            continue
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        if isinstance(module, str) and (module == "torch" or module.startswith("torch.")):
            t.fail(
                "NumPy only",
                "run",
                f"your file imports PyTorch (`{name}`). This exercise builds the operation from "
                "NumPy; PyTorch is only the checker's yardstick. Remove the torch import.",
            )
    t.passed("NumPy only", "run")


def expect_named_shape(
    t, name: str, got, shape: tuple, known: dict[tuple, str] | None = None, *, tensor: bool = False, record: bool = True
) -> None:
    """Exact shape, but a wrong shape that a known mistake produces is named by that mistake.

    `record=False` only names a known wrong shape (the caller checks the shape itself next).
    """
    got_shape = getattr(got, "shape", None)
    if got_shape is not None and tuple(got_shape) != tuple(shape):
        for wrong, message in (known or {}).items():
            if tuple(got_shape) == tuple(wrong) and tuple(wrong) != tuple(shape):
                t.fail(
                    name,
                    "shape",
                    f"expected shape {tuple(shape)}, got {tuple(got_shape)}: {message}",
                    expected=list(shape),
                    got=list(got_shape),
                )
    if record:
        t.expect_shape(name, got, tuple(shape), tensor=tensor)


# ---- messages and hints that more than one checker gives -----------------------------------------
SOFTMAX_OVER_QUERIES = (
    "the softmax ran over the QUERIES axis (-2): each column sums to one instead of each row. "
    "Normalise over the keys, the last axis."
)
MASK_AFTER_SOFTMAX = (
    "the mask is applied AFTER the softmax: zeroing weights afterwards leaves rows that no longer sum to "
    "one. Put -inf into the blocked scores before the softmax."
)


def is_shape_clash(exc: BaseException) -> bool:
    """A matmul or broadcast whose operands' shapes do not fit (NumPy's and torch's wordings)."""
    text = str(exc)
    return any(word in text for word in ("matmul", "mismatch", "broadcast", "shapes"))


def dot_t_hint(name: str) -> str:
    """Why `name.T` breaks on batched arrays, and what to write instead."""
    return (
        f"On arrays with leading (batch, head) axes, `{name}.T` reverses ALL the axes; transpose only "
        f"the last two: np.swapaxes({name}, -1, -2) (or {name}.transpose(0, 1, 3, 2) for exactly 4-D)."
    )


def uses_dot_t(t) -> bool:
    """Whether the learner's file transposes with `.T` somewhere (directly or inside a helper)."""
    try:
        return re.search(r"\.T\b", t.learner_file.read_text(encoding="utf-8")) is not None
    except (AttributeError, OSError, UnicodeDecodeError):
        return False


# ---- attention in NumPy, with switches that reproduce known mistakes --------------------------
def softmax(z, axis=-1):
    z = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


def attention(q, k, v, mask=None, *, scale="sqrt_d", axis=-1, mask_at="before", mask_fill="-inf"):
    """(out, weights) of softmax(q k^T * scale) v; the switches reproduce classic mistakes.

    scale: "sqrt_d" (right), "none", "d", "sqrt_len" (sqrt of Lk), "sqrt_dv" (sqrt of v's width)
    axis: the softmax axis (-1 right, -2 wrong)
    mask_at: "before" (right), "after" (weights * mask, not renormalised), "inverted" (True = block)
    mask_fill: "-inf" (right, with empty rows set to zero) or "zero" (scores * mask)
    """
    d = q.shape[-1]
    factor = {
        "sqrt_d": 1 / np.sqrt(d),
        "none": 1.0,
        "d": 1 / d,
        "sqrt_len": 1 / np.sqrt(k.shape[-2]),
        "sqrt_dv": 1 / np.sqrt(v.shape[-1]),
    }[scale]
    scores = q @ np.swapaxes(k, -1, -2) * factor
    allowed = None
    if mask is not None:
        allowed = np.broadcast_to(mask, scores.shape)
        if mask_at == "inverted":
            allowed = ~allowed
    if allowed is not None and mask_at in ("before", "inverted"):
        if mask_fill == "zero":
            scores = scores * allowed
        else:
            scores = np.where(allowed, scores, -np.inf)
    with np.errstate(invalid="ignore"):
        peak = np.max(scores, axis=axis, keepdims=True)
        peak = np.where(np.isfinite(peak), peak, 0.0)
        e = np.exp(scores - peak)
        total = np.sum(e, axis=axis, keepdims=True)
        weights = np.where(total > 0, e / np.where(total > 0, total, 1.0), 0.0)
    if allowed is not None and mask_at == "after":
        weights = weights * allowed
    return weights @ v, weights


def attention_backward(
    dout, q, k, v, mask=None, *, jacobian="full", scale_grads=True, dv_t=True, dk_t=True, sum_axis=-1
):
    """(dq, dk, dv) for out = attention(q, k, v, mask); switches reproduce classic mistakes.

    jacobian: "full" (right), "diagonal" (dS = P * dP), "diagonal_1mp" (dS = P (1 - P) dP), "none" (dS = dP),
    "no_p_in_sum" (P * (dP - sum dP)), "plus" (P * (dP + sum P dP), a sign slip)
    Pass mask=None to reproduce a backward that recomputes P without the forward's mask.
    """
    d = q.shape[-1]
    _, p = attention(q, k, v, mask)
    swap = lambda a: np.swapaxes(a, -1, -2)  # noqa: E731
    dv = swap(p) @ dout if dv_t else p @ dout
    dp = dout @ swap(v)
    if jacobian == "full":
        ds = p * (dp - np.sum(dp * p, axis=sum_axis, keepdims=True))
    elif jacobian == "diagonal":
        ds = p * dp
    elif jacobian == "diagonal_1mp":
        ds = p * (1 - p) * dp
    elif jacobian == "plus":
        ds = p * (dp + np.sum(dp * p, axis=-1, keepdims=True))
    elif jacobian == "none":
        ds = dp
    else:
        ds = p * (dp - np.sum(dp, axis=-1, keepdims=True))
    c = 1 / np.sqrt(d) if scale_grads else 1.0
    dq = ds @ k * c
    dk = (swap(ds) @ q if dk_t else ds @ q) * c
    return dq, dk, dv


# ---- multi-head attention in torch, with switches that reproduce known mistakes ---------------
def mha(
    query,
    key,
    value,
    params,
    num_heads,
    mask=None,
    *,
    split="transpose",
    merge="transpose",
    scale="head",
    out_proj=True,
    invert_mask=False,
    softmax_dim=-1,
    mask_after=False,
    values_from="value",
):
    """nn.MultiheadAttention's math from explicit weights; params = (Wq, bq, Wk, bk, Wv, bv, Wo, bo).

    split/merge: "transpose" (right) or "reshape" (a view straight to/from (B, H, L, dh) without
    moving the heads axis); scale: "head" (1/sqrt(dh), right), "embed" (1/sqrt(E)) or "none";
    softmax_dim: -1 (right) or -2 (over the queries); mask_after: multiply the weights by the mask
    after the softmax (no renormalising) instead of -inf before it; values_from: "value" (right) or
    "key" (v_proj applied to the key tensor).
    """
    import torch

    Wq, bq, Wk, bk, Wv, bv, Wo, bo = params
    B, Lq, E = query.shape
    Lk = key.shape[1]
    dh = E // num_heads

    def heads(x, L):
        if split == "transpose":
            return x.reshape(B, L, num_heads, dh).transpose(1, 2)
        return x.reshape(B, num_heads, L, dh)

    q = heads(query @ Wq.T + bq, Lq)
    k = heads(key @ Wk.T + bk, Lk)
    v = heads((key if values_from == "key" else value) @ Wv.T + bv, Lk)
    factor = {"head": dh**-0.5, "embed": E**-0.5, "none": 1.0}[scale]
    scores = q @ k.transpose(-1, -2) * factor
    allowed = None if mask is None else (~mask if invert_mask else mask)
    if allowed is not None and not mask_after:
        scores = scores.masked_fill(~allowed, float("-inf"))
    weights = torch.softmax(scores, dim=softmax_dim)
    if allowed is not None and mask_after:
        weights = weights * allowed
    ctx = weights @ v  # (B, H, Lq, dh)
    ctx = ctx.transpose(1, 2).reshape(B, Lq, E) if merge == "transpose" else ctx.reshape(B, Lq, E)
    return ctx @ Wo.T + bo if out_proj else ctx


def mha_mistakes(embed_dim, num_heads, *, masked):
    """(mha switches, message) for the multi-head attention mistakes that every checker running an MHA names."""
    cases = [
        (
            {"merge": "reshape"},
            "the heads were merged with a plain reshape of (B, H, L, dh) to (B, L, E): that interleaves positions "
            "and heads. Move the head axis back first: ctx.transpose(1, 2).reshape(B, L, E) (a reshape is not "
            "a transpose).",
        ),
        (
            {"split": "reshape"},
            "the heads were split with a plain reshape/view of (B, L, E) to (B, H, L, dh): that cuts the sequence, "
            "not the features, into heads. Reshape to (B, L, H, dh), then .transpose(1, 2).",
        ),
        (
            {"split": "reshape", "merge": "reshape"},
            "both the head split and the merge use a plain reshape instead of reshape + transpose: each 'head' "
            "then mixes several positions' features. Split: .view(B, L, H, dh).transpose(1, 2); merge: "
            ".transpose(1, 2).reshape(B, L, E).",
        ),
        (
            {"scale": "embed"},
            f"the scale is 1/√{embed_dim} (the whole embedding); each head's scores use 1/√head_dim = "
            f"1/√{embed_dim // num_heads}.",
        ),
        ({"scale": "none"}, f"the 1/√head_dim scale is missing (head_dim = {embed_dim // num_heads})."),
        ({"out_proj": False}, "the output projection (out_proj) is not applied after merging the heads."),
        ({"softmax_dim": -2}, SOFTMAX_OVER_QUERIES),
        (
            {"values_from": "key"},
            "the values are projected from `key`: v = v_proj(value). Self-attention passes the same tensor "
            "three times, which hides this; with separate keys and values it shows.",
        ),
    ]
    if masked:
        cases.append(({"mask_after": True}, MASK_AFTER_SOFTMAX))
    return cases
