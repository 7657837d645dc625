"""Reference solution: a vanilla RNN, one step and a whole sequence."""

import numpy as np


def rnn_step(x_t: np.ndarray, h_prev: np.ndarray, W_xh: np.ndarray, W_hh: np.ndarray, b: np.ndarray) -> np.ndarray:
    """h_t = tanh(x_t W_xh + h_prev W_hh + b): (N, D), (N, H) -> (N, H)."""
    return np.tanh(x_t @ W_xh + h_prev @ W_hh + b)


def rnn_forward(x: np.ndarray, h0: np.ndarray, W_xh: np.ndarray, W_hh: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Run the RNN over x (N, T, D) from h0 (N, H); return every state h_1..h_T as (N, T, H)."""
    h = h0
    states = []
    for t in range(x.shape[1]):
        h = rnn_step(x[:, t], h, W_xh, W_hh, b)
        states.append(h)
    return np.stack(states, axis=1)
