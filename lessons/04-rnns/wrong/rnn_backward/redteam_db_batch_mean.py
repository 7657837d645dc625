# expect: you divided by the batch size where the sum was wanted
"""Backpropagation through time (BPTT) for the vanilla RNN."""

import numpy as np


def rnn_backward(dhs, x, h0, hs, W_xh, W_hh):
    N, T, D = x.shape
    H = h0.shape[1]
    dx = np.zeros_like(x, dtype=float)
    dW_xh = np.zeros((D, H))
    dW_hh = np.zeros((H, H))
    db = np.zeros(H)
    dh_next = np.zeros((N, H))
    for t in reversed(range(T)):
        dh = dhs[:, t] + dh_next
        da = dh * (1 - hs[:, t] ** 2)
        h_prev = hs[:, t - 1] if t > 0 else h0
        dW_xh += x[:, t].T @ da
        dW_hh += h_prev.T @ da
        db += da.mean(axis=0)
        dx[:, t] = da @ W_xh.T
        dh_next = da @ W_hh.T
    dh0 = dh_next
    return dx, dh0, dW_xh, dW_hh, db

