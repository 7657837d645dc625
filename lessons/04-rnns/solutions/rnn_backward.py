"""Reference solution: backpropagation through time for the vanilla RNN."""

import numpy as np


def rnn_backward(
    dhs: np.ndarray, x: np.ndarray, h0: np.ndarray, hs: np.ndarray, W_xh: np.ndarray, W_hh: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dx, dh0, dW_xh, dW_hh, db), given dhs = dL/dhs from the loss at every step."""
    n, steps, _ = x.shape
    dx = np.zeros(x.shape)
    dW_xh = np.zeros(W_xh.shape)
    dW_hh = np.zeros(W_hh.shape)
    db = np.zeros(W_hh.shape[0])
    dh_next = np.zeros(h0.shape)  # gradient arriving at h_t from step t+1
    for t in reversed(range(steps)):
        dh = dhs[:, t] + dh_next  # h_t reaches the loss directly and through h_{t+1}
        da = dh * (1.0 - hs[:, t] ** 2)  # through tanh: tanh'(a) = 1 - h²
        h_prev = hs[:, t - 1] if t > 0 else h0
        dW_xh += x[:, t].T @ da
        dW_hh += h_prev.T @ da
        db += da.sum(axis=0)
        dx[:, t] = da @ W_xh.T
        dh_next = da @ W_hh.T
    return dx, dh_next, dW_xh, dW_hh, db
