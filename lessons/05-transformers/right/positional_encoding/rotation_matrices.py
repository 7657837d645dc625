import math

import numpy as np


def sinusoidal_encoding(num_positions, d_model):
    pe = np.empty((num_positions, d_model))
    for p in range(num_positions):
        for i in range(0, d_model, 2):
            w = 1 / 10000 ** (i / d_model)
            pe[p, i] = math.sin(p * w)
            pe[p, i + 1] = math.cos(p * w)
    return pe


def rope(x, positions, base=10000.0):
    x = np.array(x, dtype=float)
    d = x.shape[-1]
    out = np.empty_like(x)
    for row, m in enumerate(positions):
        for i in range(0, d, 2):
            c, s = math.cos(m * base ** (-i / d)), math.sin(m * base ** (-i / d))
            pair = x[..., row, i:i + 2]
            out[..., row, i:i + 2] = pair @ np.array([[c, s], [-s, c]])
    return out
