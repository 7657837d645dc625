"""Checker: layer norm forward against nn.LayerNorm (float64), backward against finite differences.

Mistakes named: the unbiased variance, eps outside the square root, normalising over the batch
axis (batch norm), gamma/beta missing or swapped; in the backward, treating the row's mean and
variance as constants, and not summing dgamma/dbeta over every leading axis.
"""

import numpy as np
import torch
from _common import numpy_only
from torch import nn

from tutor.checks import Checker, numerical_gradient

RTOL, ATOL = 1e-6, 1e-9


def torch_ln(x, gamma, beta, eps):
    layer = nn.LayerNorm(x.shape[-1], eps=eps).double()
    with torch.no_grad():
        layer.weight.copy_(torch.from_numpy(gamma))
        layer.bias.copy_(torch.from_numpy(beta))
        return layer(torch.from_numpy(x)).numpy()


def ln(x, gamma, beta, eps, *, ddof=0, eps_outside=False, axis=-1):
    mu = x.mean(axis=axis, keepdims=True)
    var = x.var(axis=axis, keepdims=True, ddof=ddof)
    x_hat = (x - mu) / (np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps))
    return gamma * x_hat + beta


def forward_mistakes(x, gamma, beta, eps):
    out = {
        f"you used the unbiased variance (divide by D − 1 = {x.shape[-1] - 1}); layer norm uses the biased one, "
        "the plain mean of squared deviations (np.var's default ddof=0, not ddof=1 / torch.var's default).": ln(
            x, gamma, beta, eps, ddof=1
        ),
        "eps belongs inside the square root: (x − μ) / sqrt(var + eps), not (x − μ) / (sqrt(var) + eps).": ln(
            x, gamma, beta, eps, eps_outside=True
        ),
        "two slips at once, as the Annotated Transformer prints it: (x − μ) / (std + eps) with x.std(-1) "
        f"(torch's default is the unbiased std, dividing by D − 1 = {x.shape[-1] - 1}). Layer norm uses the "
        "biased variance (divide by D) and puts eps inside the square root: (x − μ) / sqrt(var + eps).": ln(
            x, gamma, beta, eps, ddof=1, eps_outside=True
        ),
        "you normalised over the batch (axis 0) — that is batch norm. Layer norm normalises each row over "
        "its own features, the last axis.": ln(x, gamma, beta, eps, axis=0),
        "gamma and beta are swapped: y = gamma * x_hat + beta.": ln(x, beta, gamma, eps),
        "gamma and beta are not applied: y = gamma * x_hat + beta.": ln(x, np.ones_like(gamma), 0 * beta, eps),
    }
    return out


def backward_mistakes(dy, x, gamma, eps):
    mu = x.mean(-1, keepdims=True)
    std = np.sqrt(x.var(-1, keepdims=True) + eps)
    x_hat = (x - mu) / std
    g = dy * gamma
    return {
        "dx treats the row's mean and variance as constants (dx = dy·γ/σ): both depend on x too. "
        "dx = (g − mean(g) − x̂·mean(g·x̂)) / σ with g = dy·γ, means over the row.": g / std,
        "dx accounts for the mean but not the variance: subtract x̂·mean(g·x̂) as well.": (g - g.mean(-1, keepdims=True))
        / std,
        "dx accounts for the variance but not the mean: subtract mean(g) as well.": (
            g - x_hat * (g * x_hat).mean(-1, keepdims=True)
        )
        / std,
        "dx forgot γ: the gradient reaching x̂ is g = dy·γ, not dy.": (
            dy - dy.mean(-1, keepdims=True) - x_hat * (dy * x_hat).mean(-1, keepdims=True)
        )
        / std,
    }


def run_forward(t, fwd, name, x, gamma, beta, eps):
    result = t.call(fwd, x.copy(), gamma.copy(), beta.copy(), eps, step=f"{name}: forward runs")
    if not isinstance(result, tuple | list) or len(result) != 2:
        t.fail(f"{name}: forward returns (y, cache)", "shape", "layer_norm_forward should return the pair (y, cache).")
    y, cache = result
    t.expect_array(f"{name}: y", y, shape=x.shape)
    t.expect_close(
        f"{name}: y vs nn.LayerNorm",
        y,
        torch_ln(x, gamma, beta, eps),
        rtol=RTOL,
        atol=ATOL,
        mistakes=nearest_first(y, forward_mistakes(x, gamma, beta, eps)),
    )
    return y, cache


def nearest_first(got, mistakes):
    """The mistakes ordered by distance to `got`: two of them can lie within tolerance of each other
    (the unbiased variance with and without eps outside the root differ by ~eps/σ), and the
    closer one is the learner's."""
    got = np.asarray(got, dtype=np.float64)
    return dict(sorted(mistakes.items(), key=lambda item: float(np.max(np.abs(item[1] - got)))))


def run_backward(t, fwd, bwd, name, x, gamma, beta, eps):
    _, cache = run_forward(t, fwd, name, x, gamma, beta, eps)
    dy = t.rng.normal(size=x.shape)
    result = t.call(bwd, dy.copy(), cache, step=f"{name}: backward runs")
    if not isinstance(result, tuple | list) or len(result) != 3:
        t.fail(
            f"{name}: backward returns (dx, dgamma, dbeta)",
            "shape",
            "layer_norm_backward should return (dx, dgamma, dbeta).",
        )
    dx, dgamma, dbeta = result
    D = x.shape[-1]
    for label, g in (("dgamma", dgamma), ("dbeta", dbeta)):
        if isinstance(g, np.ndarray) and g.shape == x.shape:
            t.fail(
                f"{name}: {label} shape",
                "shape",
                f"{label} has x's shape {x.shape}; γ and β are shared by "
                f"every row, so sum their gradients over all leading axes, giving ({D},).",
            )
        if isinstance(g, np.ndarray) and g.ndim > 1 and g.shape[-1] == D:
            t.fail(
                f"{name}: {label} shape",
                "shape",
                f"{label} has shape {g.shape}: sum over EVERY leading "
                f"axis (here axes {tuple(range(x.ndim - 1))}), giving ({D},).",
            )

    def loss_of(which):
        def f(z):
            args = {"x": x, "gamma": gamma, "beta": beta, which: z}
            return float(np.sum(ln(args["x"], args["gamma"], args["beta"], eps) * dy))

        return f

    num_dx, _ = numerical_gradient(loss_of("x"), x)
    t.expect_gradient(f"{name}: dx", dx, num_dx, mistakes=backward_mistakes(dy, x, gamma, eps))
    num_dg, _ = numerical_gradient(loss_of("gamma"), gamma)
    num_db, _ = numerical_gradient(loss_of("beta"), beta)
    swapped = "dgamma and dbeta are swapped: return (dx, dgamma, dbeta), with dgamma = Σ dy·x̂ and dbeta = Σ dy."
    t.expect_gradient(
        f"{name}: dgamma",
        dgamma,
        num_dg,
        mistakes={
            "dgamma = Σ dy · x̂ — the NORMALISED input, not x itself.": (dy * x).reshape(-1, D).sum(0),
            f"dgamma is wrong: it holds Σ dy, the gradient of beta — {swapped}": num_db,
        },
    )
    t.expect_gradient(f"{name}: dbeta", dbeta, num_db, mistakes={f"dbeta is wrong: {swapped}": num_dg})


def check(t: Checker) -> None:
    numpy_only(t)
    fwd = t.function("layer_norm_forward")
    bwd = t.function("layer_norm_backward")
    rng = t.rng
    D = 6
    gamma, beta = rng.normal(size=D), rng.normal(size=D)

    # Rows with their own offsets and scales: normalising the wrong axis cannot pass by luck.
    x = rng.normal(size=(4, D)) * rng.uniform(0.5, 3, size=(4, 1)) + rng.normal(size=(4, 1)) * 3
    before = [a.copy() for a in (x, gamma, beta)]
    run_forward(t, fwd, "(4, 6) rows", x, gamma, beta, 1e-5)
    t.call(fwd, x, gamma, beta, 1e-5, step="inputs left unchanged: forward runs")
    for label, b, a in zip(("x", "gamma", "beta"), before, (x, gamma, beta), strict=True):
        t.expect_unchanged(f"{label} left unchanged", b, a, "layer_norm_forward")

    # Tiny variance: where eps matters, inside the square root or not.
    small = rng.normal(size=(3, D)) * 3e-3
    run_forward(t, fwd, "rows with variance near eps", small, gamma, beta, 1e-5)
    run_forward(t, fwd, "(2, 3, 6) batch, eps=0.1", rng.normal(size=(2, 3, D)), gamma, beta, 0.1)

    run_backward(t, fwd, bwd, "backward, (4, 6)", x, gamma, beta, 1e-5)
    run_backward(t, fwd, bwd, "backward, (2, 3, 6) batch", rng.normal(size=(2, 3, D)) * 2 + 1, gamma, beta, 1e-3)
