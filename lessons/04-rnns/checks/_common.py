"""Helpers shared by the 04-rnns checkers: NumPy RNN references (with switchable mistakes),
functional LSTM/GRU cells, and the hint for PyTorch's weight layout.

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


def rnn_backward(
    dhs, x, h0, hs, W_xh, W_hh, *, future=True, deriv="1-h^2", prev="h_{t-1}", dh_through="W_hh.T", accumulate=True
):
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
        local = {"1-h^2": 1 - h**2, "1-h": 1 - h, "1-tanh(h)^2": 1 - np.tanh(h) ** 2}[deriv]
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
def lstm_cell(
    x, h, c, W_ih, W_hh, b_ih, b_hh, *, order="ifgo", f_act="sigmoid", g_act="tanh", h_tanh=True, biases=2, drop=""
):
    """nn.LSTMCell with switchable mistakes; `drop` names a gate ("i", "f" or "o") left out (taken as 1)."""
    import torch

    gates = x @ W_ih.T + h @ W_hh.T + b_ih + (b_hh if biases == 2 else 0)
    chunks = dict(zip(order, gates.chunk(4, dim=1), strict=False))
    i = torch.sigmoid(chunks["i"])
    f = torch.sigmoid(chunks["f"]) if f_act == "sigmoid" else torch.tanh(chunks["f"])
    g = torch.tanh(chunks["g"]) if g_act == "tanh" else torch.sigmoid(chunks["g"])
    o = torch.sigmoid(chunks["o"])
    i, f, o = (1.0 if drop == "i" else i), (1.0 if drop == "f" else f), (1.0 if drop == "o" else o)
    c_new = f * c + i * g
    h_new = o * torch.tanh(c_new) if h_tanh else o * c_new
    return h_new, c_new


def gru_cell(x, h, W_ih, W_hh, b_ih, b_hh, *, order="rzn", z_way="pytorch", reset="after", n_act="tanh"):
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


# ---- hints ----------------------------------------------------------------------------------
def weight_layout_hint(gates: int):
    """A `t.call` hint: a matmul shape error in a cell gets PyTorch's weight layout explained."""

    def hint(exc: BaseException) -> str | None:
        if "mat1 and mat2" in str(exc) or "size mismatch" in str(exc):
            return (
                f"PyTorch stores W_ih as ({gates}H, D) and W_hh as ({gates}H, H), like nn.Linear's "
                "weight (out_features, in_features): multiply by the transpose, x @ W_ih.T and h @ W_hh.T."
            )
        return None

    return hint
