"""Checker: batch normalisation in NumPy vs torch.nn.BatchNorm1d (train and eval), plus gradients.

A float64 nn.BatchNorm1d gets the same gamma, beta and (deliberately non-trivial) running
statistics; three training batches and one evaluation batch go through both. On a mismatch the
learner's output is compared with simulated wrong versions — biased running variance, the momentum
convention reversed, batch statistics at evaluation time, eps outside the square root, ... — so the
failure names the mistake. The backward pass is checked against torch's autograd and, independently,
against a numerical gradient of the learner's own forward pass.
"""

import numpy as np
import torch
from torch import nn

from tutor.checks import Checker, numerical_gradient

N, D = 8, 5


def _sim(x, gamma, beta, rm, rv, training, momentum, eps, **w):
    """BatchNorm written out, with switches that reproduce the common wrong versions."""
    n = x.shape[0]
    if training or w.get("batch_in_eval"):
        mu, var = x.mean(0), x.var(0)
        new_rm = (1 - momentum) * rm + momentum * mu
        run_var = var if w.get("biased_running") else x.var(0, ddof=1)
        new_rv = (1 - momentum) * rv + momentum * run_var
        if w.get("momentum_swapped"):
            new_rm, new_rv = momentum * rm + (1 - momentum) * mu, momentum * rv + (1 - momentum) * run_var
        if w.get("normalise_unbiased"):
            var = var * n / (n - 1)
        if not training:  # eval with batch statistics: the running ones stay untouched
            new_rm, new_rv = rm, rv
    else:
        mu, var, new_rm, new_rv = rm, rv, rm, rv
    x_hat = (x - mu) / (np.sqrt(var) + eps if w.get("eps_outside") else np.sqrt(var + eps))
    return gamma * x_hat + beta, new_rm, new_rv


def _messages(momentum):
    return {
        "biased_running": "the running variance is updated with the BIASED batch variance (divided by N). torch "
        "normalises with the biased one but tracks the UNBIASED one (divided by N − 1) in "
        "running_var: running_var = (1 − m)·running_var + m·var·N/(N − 1).",
        "momentum_swapped": f"the momentum convention is reversed: torch's momentum ({momentum}) is the weight of "
        "the NEW batch statistic — running = (1 − m)·running + m·batch — not the weight of "
        "the old running value.",
        "normalise_unbiased": "the batch is normalised with the unbiased variance (÷ N − 1); normalise with the "
        "biased one (÷ N, np.var's default) and use the unbiased one only for running_var.",
        "eps_outside": "eps is outside the square root: divide by √(σ² + eps), not √σ² + eps.",
    }


def _torch_run(batches, eval_x, gamma, beta, rm, rv, momentum, eps):
    bn = nn.BatchNorm1d(D, momentum=momentum, eps=eps).double()
    with torch.no_grad():
        bn.weight.copy_(torch.from_numpy(gamma))
        bn.bias.copy_(torch.from_numpy(beta))
        bn.running_mean.copy_(torch.from_numpy(rm))
        bn.running_var.copy_(torch.from_numpy(rv))
    outs = []
    bn.train()
    with torch.no_grad():
        for x in batches:
            outs.append(
                (bn(torch.from_numpy(x)).numpy().copy(), bn.running_mean.numpy().copy(), bn.running_var.numpy().copy())
            )
        bn.eval()
        y_eval = bn(torch.from_numpy(eval_x)).numpy().copy()
    return outs, y_eval


def _forward(t, fwd, x, gamma, beta, rm, rv, training, kwargs, label):
    before = x.copy()
    out = t.call(
        fwd,
        x,
        gamma.copy(),
        beta.copy(),
        rm.copy(),
        rv.copy(),
        training,
        **kwargs,
        step=f"{label}: batchnorm_forward runs",
    )
    t.expect_unchanged(f"{label}: x is left alone", before, x, "batchnorm_forward")
    if not isinstance(out, tuple | list) or len(out) != 4:
        t.fail(
            f"{label}: returns (y, running_mean, running_var, cache)",
            "shape",
            "batchnorm_forward must return a 4-tuple (y, new_running_mean, new_running_var, cache).",
        )
    y, new_rm, new_rv, cache = out
    t.expect_array(f"{label}: y", y, shape=x.shape)
    t.expect_array(f"{label}: running_mean", new_rm, shape=(x.shape[1],))
    t.expect_array(f"{label}: running_var", new_rv, shape=(x.shape[1],))
    return np.asarray(y, dtype=np.float64), np.asarray(new_rm, float), np.asarray(new_rv, float), cache


def _close(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-7, atol=1e-9)


def _sequence(t, fwd, label, momentum, eps, kwargs):
    rng = t.rng
    gamma, beta = rng.uniform(0.5, 2.0, D), rng.normal(size=D)
    rm, rv = rng.normal(size=D), rng.uniform(0.5, 2.0, D)
    batches = [rng.normal(size=(N, D)) * rng.uniform(0.5, 3.0, D) + rng.normal(size=D) * 2 for _ in range(3)]
    eval_x = rng.normal(size=(N, D)) * 2 + 1
    ref, ref_eval = _torch_run(batches, eval_x, gamma, beta, rm, rv, momentum, eps)
    messages = _messages(momentum)
    cur_rm, cur_rv = rm, rv
    for i, (x, (ry, rrm, rrv)) in enumerate(zip(batches, ref, strict=True)):
        step = f"{label}, training batch {i + 1}"
        y, new_rm, new_rv, _ = _forward(t, fwd, x, gamma, beta, cur_rm, cur_rv, True, kwargs, step)
        if not (_close(y, ry) and _close(new_rm, rrm) and _close(new_rv, rrv)):
            for key, message in messages.items():
                wy, wrm, wrv = _sim(x, gamma, beta, cur_rm, cur_rv, True, momentum, eps, **{key: True})
                if _close(y, wy) and _close(new_rm, wrm) and _close(new_rv, wrv):
                    t.fail(step, "value", message)
        t.expect_close(
            f"{step}: y equals nn.BatchNorm1d's",
            y,
            ry,
            rtol=1e-7,
            atol=1e-9,
            mistakes={
                "the output is not normalised per feature: take the mean and variance over the batch axis "
                "(axis=0), one value per feature.": _per_sample(x, gamma, beta, eps)
            },
        )
        t.expect_close(
            f"{step}: running_mean",
            new_rm,
            rrm,
            rtol=1e-7,
            atol=1e-9,
            mistakes={"running_mean was not updated in training mode.": cur_rm},
        )
        t.expect_close(
            f"{step}: running_var",
            new_rv,
            rrv,
            rtol=1e-7,
            atol=1e-9,
            mistakes={"running_var was not updated in training mode.": cur_rv},
        )
        cur_rm, cur_rv = new_rm, new_rv
    step = f"{label}, evaluation"
    y, new_rm, new_rv, _ = _forward(t, fwd, eval_x, gamma, beta, cur_rm, cur_rv, False, kwargs, step)
    batch_y = _sim(eval_x, gamma, beta, cur_rm, cur_rv, False, momentum, eps, batch_in_eval=True)[0]
    if _close(y, batch_y):
        t.fail(
            step,
            "value",
            "in evaluation mode you normalised with the BATCH statistics; eval must use "
            "running_mean and running_var, so a sample's output does not depend on the rest of its batch.",
        )
    t.expect_close(f"{step}: y equals nn.BatchNorm1d's in eval()", y, ref_eval, rtol=1e-7, atol=1e-9)
    t.expect(
        f"{step}: running statistics unchanged",
        _close(new_rm, cur_rm) and _close(new_rv, cur_rv),
        "the running statistics changed in evaluation mode; only training batches update them.",
    )


def _per_sample(x, gamma, beta, eps):
    mu, var = x.mean(1, keepdims=True), x.var(1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def _backward(t, fwd, bwd):
    rng = t.rng
    x = rng.normal(size=(N, D)) * 2 + 1
    gamma, beta = rng.uniform(0.5, 2.0, D), rng.normal(size=D)
    dy = rng.normal(size=(N, D))
    eps = 1e-5
    y, _, _, cache = _forward(t, fwd, x, gamma, beta, np.zeros(D), np.ones(D), True, {}, "backward's forward")
    out = t.call(bwd, dy.copy(), cache, step="batchnorm_backward runs")
    if not isinstance(out, tuple | list) or len(out) != 3:
        t.fail(
            "batchnorm_backward returns (dx, dgamma, dbeta)",
            "shape",
            "batchnorm_backward must return a 3-tuple (dx, dgamma, dbeta).",
        )
    dx, dgamma, dbeta = out
    for name, grad in (("dgamma", dgamma), ("dbeta", dbeta)):
        t.expect_array(
            f"{name}: one value per feature",
            grad,
            shape=(D,),
            mistakes={
                (N,): f"{name} has one value per SAMPLE (shape (N,) = ({N},)): it was summed over the features "
                "(axis=1). γ and β have one entry per feature, so sum dy over the batch axis: axis=0.",
                (N, D): f"{name} still has the batch axis (shape (N, D)): sum over the batch, axis=0, to get one "
                "value per feature.",
            },
        )
    xt = torch.from_numpy(x).requires_grad_()
    gt, bt = torch.from_numpy(gamma).requires_grad_(), torch.from_numpy(beta).requires_grad_()
    torch.nn.functional.batch_norm(xt, None, None, gt, bt, training=True, eps=eps).backward(torch.from_numpy(dy))
    want_dx, want_dg, want_db = xt.grad.numpy(), gt.grad.numpy(), bt.grad.numpy()

    mu, var = x.mean(0), x.var(0)
    inv = 1 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv
    dxh = dy * gamma
    t.expect_close(
        "dbeta equals torch's",
        dbeta,
        want_db,
        rtol=1e-7,
        atol=1e-9,
        mistakes={"dbeta is averaged over the batch; the gradient of a sum of outputs is the SUM of dy.": dy.mean(0)},
    )
    t.expect_close(
        "dgamma equals torch's",
        dgamma,
        want_dg,
        rtol=1e-7,
        atol=1e-9,
        mistakes={
            "dgamma is missing x̂: y = γ·x̂ + β, so dγ = Σ dy·x̂.": dy.sum(0),
            "dgamma uses x instead of the normalised x̂: dγ = Σ dy·x̂.": (dy * x).sum(0),
        },
    )
    t.expect_close(
        "dx equals torch's",
        dx,
        want_dx,
        rtol=1e-7,
        atol=1e-9,
        mistakes={
            "dx is missing the mean and variance terms: you treated μ and σ² as constants (dx = dy·γ/σ). They "
            "depend on every sample, which adds −Σdx̂ and −x̂·Σ(dx̂·x̂) inside the bracket.": dxh * inv,
            "dx is missing the variance term: μ's path is there (−Σdx̂), but σ² also depends on x, which adds "
            "−x̂·Σ(dx̂·x̂).": inv * (dxh - dxh.mean(0)),
            "dx is missing the mean term: the path through μ adds −Σdx̂ / N.": inv
            * (dxh - x_hat * (dxh * x_hat).mean(0)),
            "dx forgot γ: the gradient reaching x̂ is dy·γ, not dy.": inv
            * (dy - dy.mean(0) - x_hat * (dy * x_hat).mean(0)),
        },
    )

    # Independently of torch: the learner's backward must be the derivative of the learner's forward.
    g = rng.normal(size=(N, D))
    small = x.copy()

    def loss(v):
        return float(np.sum(np.asarray(fwd(v, gamma.copy(), beta.copy(), np.zeros(D), np.ones(D), True)[0]) * g))

    _, _, _, cache = _forward(t, fwd, small.copy(), gamma, beta, np.zeros(D), np.ones(D), True, {}, "gradient check")
    dx2 = t.call(bwd, g.copy(), cache, step="batchnorm_backward runs (gradient check)")[0]
    numeric, kink = t.call(numerical_gradient, loss, small.copy(), step="numerical gradient of your forward")
    t.expect_gradient("dx matches a numerical gradient of your forward pass", dx2, numeric, kink=kink)


def check(t: Checker) -> None:
    fwd = t.function("batchnorm_forward")
    bwd = t.function("batchnorm_backward")
    with t.part("defaults (momentum=0.1, eps=1e-5)"):
        _sequence(t, fwd, "defaults", 0.1, 1e-5, {})
    with t.part("momentum=0.3, eps=0.01"):
        _sequence(t, fwd, "momentum=0.3, eps=0.01", 0.3, 0.01, {"momentum": 0.3, "eps": 0.01})
    with t.part("backward"):
        _backward(t, fwd, bwd)
    with t.part("a batch of two"):
        rng = t.rng
        x, gamma, beta = rng.normal(size=(2, D)), rng.uniform(0.5, 2, D), rng.normal(size=D)
        ref, _ = _torch_run([x], x, gamma, beta, np.zeros(D), np.ones(D), 0.1, 1e-5)
        y, rm, rv, _ = _forward(t, fwd, x, gamma, beta, np.zeros(D), np.ones(D), True, {}, "N = 2")
        t.expect_close("N = 2: running_var uses N − 1 = 1", rv, ref[0][2], rtol=1e-7, atol=1e-9)
