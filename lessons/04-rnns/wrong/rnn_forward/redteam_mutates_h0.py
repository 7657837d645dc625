# expect: modified an array you passed in
"""A vanilla recurrent network, forward."""

import numpy as np


def rnn_step(x_t, h_prev, W_xh, W_hh, b):
    return np.tanh(x_t @ W_xh + h_prev @ W_hh + b)

def rnn_forward(x, h0, W_xh, W_hh, b):
    h = h0
    states = []
    for t in range(x.shape[1]):
        h[...] = rnn_step(x[:, t], h, W_xh, W_hh, b)
        states.append(h.copy())
    return np.stack(states, axis=1)

