"""Helpers shared by the 05-transformers checkers (checker code, independent of the references).

`numpy_only` and `expect_named_shape` are general enough for the checker library (stage 03 has
its own copies); they live here until the library takes them.
"""

from __future__ import annotations

import types

import numpy as np


def numpy_only(t) -> None:
    """Fail if the learner's module pulled in torch (the checker may use it, the learner may not)."""
    for name, value in vars(t.learner).items():
        if name.startswith("__"):
            continue
        module = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        if isinstance(module, str) and (module == "torch" or module.startswith("torch.")):
            t.fail("NumPy only", "run",
                   f"your file imports PyTorch (`{name}`). This exercise builds the operation from "
                   "NumPy; PyTorch is only the checker's yardstick. Remove the torch import.")
    t.passed("NumPy only", "run")


def expect_named_shape(t, name: str, got, shape: tuple, known: dict[tuple, str] | None = None,
                       *, tensor: bool = False, record: bool = True) -> None:
    """Exact shape, but a wrong shape that a known mistake produces is named by that mistake.

    `record=False` only names a known wrong shape (the caller checks the shape itself next).
    """
    got_shape = getattr(got, "shape", None)
    if got_shape is not None and tuple(got_shape) != tuple(shape):
        for wrong, message in (known or {}).items():
            if tuple(got_shape) == tuple(wrong) and tuple(wrong) != tuple(shape):
                t.fail(name, "shape", f"expected shape {tuple(shape)}, got {tuple(got_shape)}: {message}",
                       expected=list(shape), got=list(got_shape))
    if record:
        t.expect_shape(name, got, tuple(shape), tensor=tensor)


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
    factor = {"sqrt_d": 1 / np.sqrt(d), "none": 1.0, "d": 1 / d,
              "sqrt_len": 1 / np.sqrt(k.shape[-2]), "sqrt_dv": 1 / np.sqrt(v.shape[-1])}[scale]
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
