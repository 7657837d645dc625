# expect: share ONE frequency
import numpy as np


def sinusoidal_encoding(num_positions, d_model):
    pe = np.zeros((num_positions, d_model))
    for p in range(num_positions):
        for j in range(d_model):
            angle = p / 10000 ** (j / d_model)
            pe[p, j] = np.sin(angle) if j % 2 == 0 else np.cos(angle)
    return pe


def rope(x, positions, base=10000.0):
    d = x.shape[-1]
    a = np.asarray(positions)[:, None] * base ** (-np.arange(0, d, 2) / d)
    e, o = x[..., 0::2], x[..., 1::2]
    out = np.empty(x.shape)
    out[..., 0::2], out[..., 1::2] = e * np.cos(a) - o * np.sin(a), e * np.sin(a) + o * np.cos(a)
    return out
