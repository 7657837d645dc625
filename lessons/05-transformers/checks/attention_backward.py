"""Checker: attention's backward pass against central differences of the checker's own forward.

Each of dq, dk, dv is its own step, so a failure says which gradient is wrong and where; known
slips in the softmax Jacobian, the scale and the transposes are named.
"""

import numpy as np
from _common import attention, attention_backward, dot_t_hint, is_shape_clash, numpy_only, uses_dot_t

from tutor.checks import Checker, numerical_gradient, relative_error
from tutor.checks.gradients import FAIL_ABOVE, worst_elements
from tutor.checks.values import scale_diagnosis


def variants(dout, q, k, v, mask):
    same_len = q.shape[-2] == k.shape[-2]
    cases = [
        (
            {"jacobian": "diagonal"},
            "the softmax's Jacobian is not diagonal: each score moves every weight in its row. "
            "dS = P ⊙ (dP − rowsum(P ⊙ dP)); you kept only P ⊙ dP.",
        ),
        (
            {"jacobian": "none"},
            "you skipped the softmax: dS is not dP. Go back through it: dS = P ⊙ (dP − rowsum(P ⊙ dP)).",
        ),
        (
            {"jacobian": "diagonal_1mp"},
            "the softmax's Jacobian is not diagonal: P(1 − P) is only its diagonal, ∂pᵢ/∂sᵢ; every other "
            "score in the row moves pᵢ too (∂pᵢ/∂sⱼ = −pᵢpⱼ). Together: dS = P ⊙ (dP − rowsum(P ⊙ dP)).",
        ),
        ({"jacobian": "no_p_in_sum"}, "the subtracted term is rowsum(P ⊙ dP), weighted by P — you summed dP alone."),
        (
            {"jacobian": "plus"},
            "a sign error in the softmax backward: dS = P ⊙ (dP − rowsum(P ⊙ dP)); you ADDED the row sum.",
        ),
        (
            {"sum_axis": -2},
            "the sum in the softmax backward runs over the keys of each row (the last axis, "
            "keepdims=True), the same axis the softmax normalised; you summed over the queries.",
        ),
        ({"scale_grads": False}, "the 1/√d scale is missing: S = q kᵀ / √d, so dq and dk both carry the factor 1/√d."),
    ]
    if same_len:
        cases += [
            (
                {"dv_t": False},
                "dv = Pᵀ @ dout: the weights must be transposed (each key's value collects "
                "gradient from every query that read it).",
            ),
            ({"dk_t": False}, "dk = dSᵀ @ q / √d: dS must be transposed (swap its last two axes)."),
        ]
    out = {"dq": {}, "dk": {}, "dv": {}}

    def add(grads, message):
        for name, grad in zip(("dq", "dk", "dv"), grads, strict=True):
            out[name].setdefault(f"{name} is wrong: {message}", grad)

    for kwargs, message in cases:
        add(attention_backward(dout, q, k, v, mask, **kwargs), message)
    if mask is not None:
        add(
            attention_backward(dout, q, k, v, None),
            "the backward ignores the mask: it recomputes P without it, so blocked keys get weight and "
            "gradient. Recompute P exactly as the forward did, with the same mask (attention_forward(q, k, v, mask)).",
        )
    return out


def shape_hint(t):
    """A hint for a matmul whose shapes clash: `.T` on batched arrays, or a missing transpose."""
    dot_t = uses_dot_t(t)

    def hint(exc):
        if not is_shape_clash(exc):
            return None
        if dot_t:
            where = "Your code transposes with `.T` (directly or in a helper such as `lambda a: a.T`). "
            return where + dot_t_hint("a")
        return (
            "Each gradient has the shape of its input; ᵀ in dv = Pᵀ @ dout and dk = dSᵀ @ q / √d swaps the "
            "LAST two axes only: np.swapaxes(a, -1, -2)."
        )

    return hint


def case(t, fn, name, q, k, v, mask=None):
    dout = t.rng.normal(size=attention(q, k, v, mask)[0].shape)
    result = t.call(
        fn,
        dout.copy(),
        q.copy(),
        k.copy(),
        v.copy(),
        *([] if mask is None else [mask.copy()]),
        step=f"{name}: runs",
        hint=shape_hint(t),
    )
    if not isinstance(result, tuple | list) or len(result) != 3:
        t.fail(f"{name}: returns (dq, dk, dv)", "shape", "return the three gradients (dq, dk, dv).")
    if tuple(getattr(g, "shape", ()) for g in result) == (q.shape, v.shape, k.shape) and k.shape != v.shape:
        t.fail(f"{name}: returns (dq, dk, dv)", "shape", "dk and dv came back in the wrong order: return (dq, dk, dv).")
    wrong = variants(dout, q, k, v, mask)
    inputs = {"dq": q, "dk": k, "dv": v}
    for (label, x), got in zip(inputs.items(), result, strict=True):

        def loss(z, label=label):
            args = {"q": q, "k": k, "v": v, label[1]: z}
            return float(np.sum(attention(args["q"], args["k"], args["v"], mask)[0] * dout))

        numeric, _ = numerical_gradient(loss, x)
        name_the_gradient(t, f"{name}: {label}", label, got, numeric, wrong[label])
        t.expect_gradient(f"{name}: {label}", got, numeric, mistakes=wrong[label])


def name_the_gradient(t, step, label, got, numeric, mistakes):
    """A clearly wrong gradient that no known mistake explains: say which one, and how it is off."""
    if not isinstance(got, np.ndarray) or got.shape != numeric.shape or not np.all(np.isfinite(got)):
        return  # expect_gradient words these
    g = got.astype(np.float64)
    if relative_error(g, numeric) <= FAIL_ABOVE or any(
        relative_error(g, np.asarray(w, dtype=np.float64)) < 1e-6 for w in mistakes.values()
    ):
        return
    worst = worst_elements(g, numeric, k=1)[0]
    scale = scale_diagnosis(g, numeric)
    how = (
        scale.split(" — ")[0]
        if scale
        else (
            f"worst at index {tuple(worst['index'])}: yours {worst['analytic']:.6g}, finite differences "
            f"{worst['numeric']:.6g}"
        )
    )
    t.fail(
        step,
        "gradient",
        f"{label} is wrong: {how}. Check the line of the backward pass that "
        f"produces {label} (and the lines feeding it).",
        worst=worst,
    )


def check(t: Checker) -> None:
    numpy_only(t)
    fn = t.function("attention_backward")
    rng = t.rng

    # Cross-attention, no mask: Lq != Lk and d != dv, so any transpose mix-up is a shape error.
    case(
        t,
        fn,
        "3 queries over 5 keys",
        rng.normal(size=(2, 3, 4)),
        rng.normal(size=(2, 5, 4)),
        rng.normal(size=(2, 5, 2)),
    )

    # Self-attention with heads and a causal mask: square weights, where transposes hide.
    L = 4
    causal = np.tril(np.ones((L, L), dtype=bool))
    case(
        t,
        fn,
        "causal self-attention, (2, 2) batch of heads",
        rng.normal(size=(2, 2, L, 3)),
        rng.normal(size=(2, 2, L, 3)),
        rng.normal(size=(2, 2, L, 3)),
        causal,
    )

    # Padding with one query row that may attend to nothing.
    pad = np.ones((4, 5), dtype=bool)
    pad[:, 3:] = False
    pad[1] = False
    q, k, v = rng.normal(size=(4, 3)), rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    dout = rng.normal(size=(4, 2))
    with np.errstate(all="ignore"):
        result = t.call(
            fn,
            dout.copy(),
            q.copy(),
            k.copy(),
            v.copy(),
            pad.copy(),
            step="a fully masked row: runs",
            hint=shape_hint(t),
        )
    if isinstance(result, tuple | list) and len(result) == 3 and all(isinstance(g, np.ndarray) for g in result):
        if not all(np.all(np.isfinite(g)) for g in result):
            t.fail(
                "a fully masked row: gradients finite",
                "gradient",
                "a query row with every key blocked gave NaN gradients: its weights are all 0 and so are "
                "its gradients. Make the forward give zeros there (it does, if you use attention_forward).",
            )
    case(t, fn, "padding, one fully masked row", q, k, v, pad)
