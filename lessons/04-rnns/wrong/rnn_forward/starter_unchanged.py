# expect: not implemented
"""A vanilla recurrent network, forward.

One step:      h_t = tanh(x_t @ W_xh + h_{t-1} @ W_hh + b)
    x_t (N, D), h_{t-1} (N, H), W_xh (D, H), W_hh (H, H), b (H,)  ->  h_t (N, H)

A sequence: x is batch-first, (N, T, D). Starting from h0 (N, H), apply the step for
t = 0, 1, ..., T-1 (the same weights every time) and return all T states, h_1 ... h_T,
stacked as (N, T, H). h0 itself is not part of the output.
NumPy only. Run `dltutor check rnn_forward`.
"""

import numpy as np


def rnn_step(x_t: np.ndarray, h_prev: np.ndarray, W_xh: np.ndarray, W_hh: np.ndarray,
             b: np.ndarray) -> np.ndarray:
    """h_t = tanh(x_t W_xh + h_prev W_hh + b): (N, D), (N, H) -> (N, H)."""
    # TODO
    raise NotImplementedError


def rnn_forward(x: np.ndarray, h0: np.ndarray, W_xh: np.ndarray, W_hh: np.ndarray,
                b: np.ndarray) -> np.ndarray:
    """Run the RNN over x (N, T, D) from h0 (N, H); return every state h_1..h_T as (N, T, H)."""
    # TODO: loop over time (axis 1), carrying h forward; stack the states along axis 1.
    raise NotImplementedError
