"""Helpers shared by the 04-rnns checkers: NumPy RNN references (with switchable mistakes),
functional LSTM/GRU cells, and the torch training probes.

This is the checker's own code, independent of the reference solutions.
"""

from __future__ import annotations

import numpy as np


# ---- vanilla RNN, NumPy ----------------------------------------------------------------------
def rnn_forward(x, h0, W_xh, W_hh, b):
    """x (N, T, D), h0 (N, H) -> hs (N, T, H) with h_t = tanh(x_t W_xh + h_{t-1} W_hh + b)."""
    h, hs = h0, []
    for t in range(x.shape[1]):
        h = np.tanh(x[:, t] @ W_xh + h @ W_hh + b)
        hs.append(h)
    return np.stack(hs, axis=1)


def rnn_backward(dhs, x, h0, hs, W_xh, W_hh, *, future=True, deriv="1-h^2", prev="h_{t-1}",
                 dh_through="W_hh.T", accumulate=True):
    """(dx, dh0, dW_xh, dW_hh, db) of L = sum(hs * dhs); keyword switches reproduce known mistakes."""
    n, steps, _ = x.shape
    dx = np.zeros_like(x, dtype=np.float64)
    dW_xh = np.zeros(W_xh.shape)
    dW_hh = np.zeros(W_hh.shape)
    db = np.zeros(W_hh.shape[0])
    dh_next = np.zeros_like(h0, dtype=np.float64)
    for t in reversed(range(steps)):
        h = hs[:, t]
        dh = dhs[:, t] + (dh_next if future else 0.0)
        local = {"1-h^2": 1 - h ** 2, "1-h": 1 - h, "1-tanh(h)^2": 1 - np.tanh(h) ** 2}[deriv]
        da = dh * local
        h_prev = hs[:, t - 1] if t > 0 else h0
        if prev == "h_t":
            h_prev = h
        if accumulate:
            dW_xh += x[:, t].T @ da
            dW_hh += h_prev.T @ da
            db += da.sum(axis=0)
        else:
            dW_xh, dW_hh, db = x[:, t].T @ da, h_prev.T @ da, da.sum(axis=0)
        dx[:, t] = da @ W_xh.T
        dh_next = da @ (W_hh.T if dh_through == "W_hh.T" else W_hh)
    return dx, dh_next, dW_xh, dW_hh, db


# ---- gated cells, torch (functional; PyTorch's parameter layout) ------------------------------
def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh, *, order="ifgo", f_act="sigmoid", g_act="tanh",
              h_tanh=True, biases=2):
    import torch

    gates = x @ W_ih.T + h @ W_hh.T + b_ih + (b_hh if biases == 2 else 0)
    chunks = dict(zip(order, gates.chunk(4, dim=1), strict=False))
    i = torch.sigmoid(chunks["i"])
    f = torch.sigmoid(chunks["f"]) if f_act == "sigmoid" else torch.tanh(chunks["f"])
    g = torch.tanh(chunks["g"]) if g_act == "tanh" else torch.sigmoid(chunks["g"])
    o = torch.sigmoid(chunks["o"])
    c_new = f * c + i * g
    h_new = o * torch.tanh(c_new) if h_tanh else o * c_new
    return h_new, c_new


def gru_cell(x, h, W_ih, W_hh, b_ih, b_hh, *, order="rzn", z_way="pytorch", reset="after",
             n_act="tanh"):
    import torch

    gi = (x @ W_ih.T + b_ih).chunk(3, dim=1)
    W_h = W_hh.chunk(3, dim=0)
    b_h = b_hh.chunk(3, dim=0)
    idx = {name: k for k, name in enumerate(order)}
    r = torch.sigmoid(gi[idx["r"]] + h @ W_h[idx["r"]].T + b_h[idx["r"]])
    z = torch.sigmoid(gi[idx["z"]] + h @ W_h[idx["z"]].T + b_h[idx["z"]])
    k = idx["n"]
    if reset == "after":  # PyTorch: r * (W_hn h + b_hn)
        inner = r * (h @ W_h[k].T + b_h[k])
    elif reset == "before":  # Cho et al. 2014 / Keras reset_after=False: W_hn (r * h) + b_hn
        inner = (r * h) @ W_h[k].T + b_h[k]
    else:  # "no-bias": r * (W_hn h) + b_hn
        inner = r * (h @ W_h[k].T) + b_h[k]
    pre = gi[k] + inner
    n = torch.tanh(pre) if n_act == "tanh" else torch.sigmoid(pre)
    if z_way == "pytorch":
        return (1 - z) * n + z * h
    return z * n + (1 - z) * h


# ---- torch training ---------------------------------------------------------------------------
def single_thread_on_cpu(t) -> None:
    """Small models train faster and far more predictably on one thread when cores are shared."""
    if not t.on_gpu:
        import torch

        torch.set_num_threads(1)


def probe_train_step(t, model, train_step, xb, yb, loss_fn, *, loss_name: str, lr: float = 0.1,
                     variants: dict | None = None) -> None:
    """One call of the learner's train_step with a plain SGD we control, on a copy of the model.

    The parameters must move by exactly -lr * grad(loss_fn(model(xb), yb)) — or a positive
    fraction of it, when the learner clips the global gradient norm. Stale gradients are
    planted first, so a missing zero_grad shows; a train_step that zeroes the gradients at
    its END (also correct) is then probed again without them. `variants` maps a message to a
    wrong loss function whose step the learner's might match.
    """
    import copy

    import torch

    from tutor.checks import relative_error

    twin = copy.deepcopy(model)
    twin_params = [p for p in twin.parameters() if p.requires_grad]

    def step_of(fn):
        torch.manual_seed(t.seed + 11)  # the same dropout masks, if any, in every forward pass
        loss = fn(twin(xb), yb)
        grads = torch.autograd.grad(loss, twin_params, allow_unused=True)
        return loss, [torch.zeros_like(p) if g is None else -lr * g for p, g in zip(twin_params, grads, strict=False)]

    def flat(tensors):
        return torch.cat([v.detach().reshape(-1).double().cpu() for v in tensors]).numpy()

    ref_loss, expected = step_of(loss_fn)
    expected = flat(expected)
    wrong = {message: flat(step_of(fn)[1]) for message, fn in (variants or {}).items()}

    def run(plant: bool):
        probe = copy.deepcopy(model)
        params = [p for p in probe.parameters() if p.requires_grad]
        gen = torch.Generator().manual_seed(t.seed + 7)
        stale = [torch.randn(p.shape, generator=gen).to(p.device) * (p.detach().abs().mean() + 0.1)
                 for p in params]
        if plant:
            for p, s in zip(params, stale, strict=False):
                p.grad = s.clone()
        optimizer = torch.optim.SGD(params, lr=lr)
        before = [p.detach().clone() for p in params]
        torch.manual_seed(t.seed + 11)
        value = t.call(train_step, probe, optimizer, xb.clone(), yb.clone(), step="train_step runs")
        moved = flat([p.detach() - b for p, b in zip(params, before, strict=False)])
        cleared = all(p.grad is None or not bool(p.grad.any()) for p in params)
        return value, moved, flat([-lr * s for s in stale]), cleared

    tol = 1e-2 if t.on_gpu else 1e-3

    def along(moved, v):
        """Does `moved` point along v, scaled by c in (0, 1]? (c < 1: the learner clipped by global norm.)"""
        denom = float(v @ v)
        if denom == 0.0:
            return False
        c = float(moved @ v) / denom
        return 0.0 < c <= 1.0 + tol and relative_error(moved, c * v) < tol

    value, moved, old, cleared = run(plant=True)
    if cleared and along(moved, expected + old):
        # zero_grad after step(): right in a loop that only ever calls train_step; probe it fairly
        value, moved, old, cleared = run(plant=False)
    name = "train_step does one clean optimizer step"
    if not moved.any():
        t.fail(name, "run", "train_step left the parameters unchanged: call optimizer.step() after "
               "loss.backward(), on the optimizer passed in as an argument (and do not zero the "
               "gradients between backward and step).")
    if along(moved, expected + old):
        t.fail(name, "run", "the step used the new gradient PLUS gradients left over from before: "
               "PyTorch accumulates into .grad, so call optimizer.zero_grad() before loss.backward().")
    if along(moved, old):
        t.fail(name, "run", "the step used old gradients: optimizer.step() ran before loss.backward(). "
               "The order is zero_grad → forward → loss → backward → step.")
    for message, step in wrong.items():
        if along(moved, step):
            t.fail(name, "run", message)
    batch = len(xb)
    if relative_error(moved, expected * batch) < tol:
        t.fail(name, "run", f"the step is {batch}× too big: your loss is summed over the batch. Use the "
               f"mean ({loss_name}'s default reduction), so the step size does not depend on the batch size.")
    if not along(moved, expected):
        t.fail(name, "run", f"one call of train_step should make one step of the optimizer passed in, on "
               f"{loss_name} (the mean over the batch) — possibly shortened by clipping the global gradient "
               f"norm — and it did not (relative difference {relative_error(moved, expected):.2g}). Do: "
               "optimizer.zero_grad(); loss = ...; loss.backward(); [clip_grad_norm_]; optimizer.step(); "
               "return loss.item().")
    t.passed(name, "run")
    if value is None or isinstance(value, bool) or not (
            isinstance(value, int | float) or (hasattr(value, "numel") and value.numel() == 1)):
        t.fail("train_step returns the loss", "value",
               f"train_step returned {type(value).__name__}; return the batch loss as a number (loss.item()).")
    t.expect_scalar("train_step returns the loss", value, float(ref_loss.detach()),
                    rtol=1e-3 if t.on_gpu else 1e-4, atol=1e-5)


def call_cell(t, fn, *args, step: str, gates: int):
    """Call a learner's cell; a matmul shape error gets PyTorch's weight layout explained."""
    from tutor.checks.core import describe_exception

    try:
        return fn(*args)
    except NotImplementedError:
        return t.call(fn, *args, step=step)  # words it as "not implemented yet"
    except Exception as exc:  # noqa: BLE001 - learner code may raise anything
        summary, details = describe_exception(exc, t.learner_file)
        if "mat1 and mat2" in str(exc) or "size mismatch" in str(exc):
            t.fail(step, "run", f"{summary}. PyTorch stores W_ih as ({gates}H, D) and W_hh as ({gates}H, H), "
                   "like nn.Linear's weight (out_features, in_features): multiply by the transpose, "
                   "x @ W_ih.T and h @ W_hh.T.", **details)
        t.fail(step, "run", summary, **details)
