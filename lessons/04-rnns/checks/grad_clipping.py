"""Checker: the global gradient norm and clipping by it (torch.nn.utils.clip_grad_norm_'s rule)."""

import numpy as np

from tutor.checks import Checker

EPS = 1e-6  # what clip_grad_norm_ adds to the norm; a learner without it is within tolerance
RTOL, ATOL = 1e-5, 1e-9


def true_norm(grads):
    return float(np.sqrt(sum(np.sum(g.astype(np.float64) ** 2) for g in grads)))


def clipped(grads, max_norm):
    scale = min(1.0, max_norm / (true_norm(grads) + EPS))
    return [g * scale for g in grads]


def make_grads(rng, scale):
    shapes = [(4, 3), (3,), (2, 3, 2)]
    return [rng.normal(size=s) * scale for s in shapes]


def as_list(t, name, result, grads):
    if (
        isinstance(result, tuple | list)
        and len(result) == len(grads)
        and all(isinstance(r, np.ndarray) and r.shape == g.shape for r, g in zip(result, grads, strict=False))
    ):
        t.fail(
            name,
            "shape",
            "you returned only the clipped gradients; return the pair "
            "(clipped_grads, total_norm) — the norm before clipping is worth logging.",
        )
    if not isinstance(result, tuple | list) or len(result) != 2:
        t.fail(
            name,
            "shape",
            "clip_by_global_norm should return a pair (clipped_grads, total_norm); got "
            + (f"{len(result)} values" if isinstance(result, tuple | list) else type(result).__name__),
        )
    out, norm = result
    if not isinstance(out, list | tuple) or len(out) != len(grads):
        t.fail(
            name,
            "shape",
            f"the clipped gradients should be a list of {len(grads)} arrays, one per input "
            f"array; got {type(out).__name__}" + (f" of length {len(out)}" if isinstance(out, list | tuple) else ""),
        )
    return list(out), norm


def _zero_hint(exc):
    """A division by the norm of an all-zero gradient: say what the input was."""
    if not isinstance(exc, ZeroDivisionError | FloatingPointError):
        return None
    return (
        "this call passed gradients that are all zeros (global norm 0), and your code divided by that "
        "norm. Divide by (total_norm + 1e-6), as clip_grad_norm_ does, or only scale when the norm "
        "exceeds max_norm — an all-zero gradient must come back as zeros."
    )


def check(t: Checker) -> None:
    global_norm = t.function("global_norm")
    clip = t.function("clip_by_global_norm")
    rng = t.rng

    # ---- the norm -------------------------------------------------------------------------
    grads = make_grads(rng, 3.0)
    norms = [float(np.linalg.norm(g)) for g in grads]
    got = t.call(global_norm, [g.copy() for g in grads])
    t.expect_scalar(
        "global_norm",
        got,
        true_norm(grads),
        rtol=1e-9,
        mistakes={
            "you added up the per-tensor norms; the global norm is the norm of ALL the numbers together: "
            "sqrt of the sum of every squared entry (sqrt(sum of squared norms)).": sum(norms),
            "the square root is missing: that is the sum of squares.": true_norm(grads) ** 2,
            "that is the largest per-tensor norm; the global norm covers all tensors at once.": max(norms),
            "you averaged the per-tensor norms; the global norm is sqrt(sum of squared norms).": float(np.mean(norms)),
            "that is the norm of the first tensor only.": norms[0],
            "you used only the last tensor: check the loop accumulates over all of them.": norms[-1],
        },
    )

    # ---- clipping a big gradient ------------------------------------------------------------
    grads = make_grads(rng, 10.0)
    max_norm = 5.0
    total = true_norm(grads)
    out, norm = as_list(
        t, "large gradient: returns (grads, norm)", t.call(clip, [g.copy() for g in grads], max_norm), grads
    )
    want = clipped(grads, max_norm)
    per_tensor = [g * min(1.0, max_norm / (np.linalg.norm(g) + EPS)) for g in grads]
    by_value = [np.clip(g, -max_norm, max_norm) for g in grads]
    for k, (g_out, g_want) in enumerate(zip(out, want, strict=False)):
        t.expect_close(
            f"large gradient: tensor {k}",
            g_out,
            g_want,
            rtol=RTOL,
            atol=ATOL,
            mistakes={
                "you clipped each tensor by its own norm. That is per-tensor clipping, and it changes the "
                "direction of the overall update; clip by the GLOBAL norm: one scale factor "
                "max_norm / total_norm shared by every tensor.": per_tensor[k],
                "np.clip limits each entry separately (clipping by value), which changes the gradient's "
                "direction; scale every tensor by the same factor max_norm / total_norm instead.": by_value[k],
                "you scaled by total_norm / max_norm; the factor is max_norm / total_norm (it shrinks).": grads[k]
                * total
                / max_norm,
            },
        )
    t.expect_scalar(
        "large gradient: the norm returned",
        norm,
        total,
        rtol=1e-6,
        mistakes={
            "return the norm measured BEFORE clipping (as torch.nn.utils.clip_grad_norm_ does): it tells "
            "you how big the gradient really was.": max_norm,
        },
    )
    new_norm = true_norm(out)
    t.expect(
        "large gradient: new norm is max_norm",
        abs(new_norm - max_norm) <= 1e-4 * max_norm,
        f"after clipping the global norm is {new_norm:.6g}; it should be max_norm = {max_norm}.",
    )

    # ---- a small gradient is left alone -------------------------------------------------------
    grads = make_grads(rng, 0.2)
    max_norm = 3.0 * true_norm(grads)
    out, norm = as_list(
        t, "small gradient: returns (grads, norm)", t.call(clip, [g.copy() for g in grads], max_norm), grads
    )
    for k, g in enumerate(out):
        t.expect_close(
            f"small gradient: tensor {k} unchanged",
            g,
            grads[k],
            rtol=RTOL,
            atol=ATOL,
            mistakes={
                "a gradient whose norm is already below max_norm must be left alone; you scaled it UP. "
                "The factor is min(1, max_norm / total_norm).": grads[k] * 3.0,
            },
        )

    # ---- zeros stay zeros (no 0/0) --------------------------------------------------------------
    zeros = [np.zeros((3, 2)), np.zeros(4)]
    with np.errstate(all="ignore"):
        out, norm = as_list(
            t,
            "zero gradient: returns (grads, norm)",
            t.call(clip, [z.copy() for z in zeros], 1.0, hint=_zero_hint),
            zeros,
        )
    for k, g in enumerate(out):
        if isinstance(g, np.ndarray) and not np.all(np.isfinite(g)):
            t.fail(
                "zero gradient stays zero",
                "value",
                "an all-zero gradient came back as NaN: 0 / 0. Only scale when the norm exceeds max_norm, "
                "or divide by (total_norm + 1e-6).",
            )
        t.expect_close(f"zero gradient stays zero ({k})", g, zeros[k], rtol=0, atol=1e-12)

    # ---- the direction never changes ----------------------------------------------------------
    def direction_kept(case):
        grads, max_norm = case
        res = t.call(clip, [g.copy() for g in grads], max_norm)
        out = list(res[0]) if isinstance(res, tuple | list) and len(res) == 2 else None
        if out is None or len(out) != len(grads):
            return "did not return (clipped_grads, norm)"
        flat_in = np.concatenate([g.ravel() for g in grads])
        flat_out = np.concatenate([np.asarray(g, dtype=np.float64).ravel() for g in out])
        scale = float(flat_out @ flat_in) / float(flat_in @ flat_in)
        if np.linalg.norm(flat_out - scale * flat_in) > 1e-6 * np.linalg.norm(flat_in):
            return "the clipped gradient points in a different direction from the original"
        if np.linalg.norm(flat_out) > max_norm * (1 + 1e-5):
            return f"its norm {np.linalg.norm(flat_out):.6g} exceeds max_norm {max_norm:.6g}"
        return None

    t.expect_property(
        "clipping keeps the direction and caps the norm",
        direction_kept,
        lambda r: (
            [r.normal(size=(int(r.integers(1, 5)), 3)) * r.uniform(0.01, 30) for _ in range(3)],
            float(r.uniform(0.1, 10)),
        ),
        trials=30,
    )
