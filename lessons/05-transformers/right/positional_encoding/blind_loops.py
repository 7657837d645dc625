import math
import numpy as np


def sinusoidal_encoding(num_positions, d_model):
    pe = np.zeros((num_positions, d_model))
    for p in range(num_positions):
        for j in range(0, d_model, 2):
            w = 10000.0 ** (-j / d_model)
            pe[p, j] = math.sin(p * w)
            if j + 1 < d_model:
                pe[p, j + 1] = math.cos(p * w)
    return pe


def rope(x, positions, base=10000.0):
    out = np.array(x, dtype=float, copy=True)
    d = out.shape[-1]
    L = out.shape[-2]
    for r in range(L):
        m = float(positions[r])
        for j in range(0, d, 2):
            t = m * base ** (-j / d)
            c, s = math.cos(t), math.sin(t)
            a = np.array(out[..., r, j]); b = np.array(out[..., r, j + 1])
            out[..., r, j] = a * c - b * s
            out[..., r, j + 1] = a * s + b * c
    return out
