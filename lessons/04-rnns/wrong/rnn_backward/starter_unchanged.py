# expect: not implemented
"""Backpropagation through time (BPTT) for the vanilla RNN.

Forward (as in rnn_forward): a_t = x[:, t] @ W_xh + h_{t-1} @ W_hh + b,  h_t = tanh(a_t),
with h_{-1} = h0 and hs[:, t] = h_t, all batch-first: x (N, T, D), hs (N, T, H).

Given dhs = dL/dhs (N, T, H) — the loss may read every state — return
    dx (N, T, D), dh0 (N, H), dW_xh (D, H), dW_hh (H, H), db (H,)
Walk backwards in time. h_t influences the loss directly (dhs[:, t]) and through h_{t+1}.
Each gradient is compared with central differences. NumPy only. Run `dltutor check rnn_backward`.
"""

import numpy as np


def rnn_backward(dhs: np.ndarray, x: np.ndarray, h0: np.ndarray, hs: np.ndarray, W_xh: np.ndarray,
                 W_hh: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dx, dh0, dW_xh, dW_hh, db), given dhs = dL/dhs from the loss at every step."""
    # TODO: dh_next = 0; for t = T-1 down to 0:
    #         dh = dhs[:, t] + dh_next;  da = dh * tanh'(a_t)  (write tanh' in terms of h_t)
    #         accumulate the three parameter gradients; dx[:, t] = ...; dh_next = ...
    #       dh0 is the dh_next left over at the end.
    raise NotImplementedError
