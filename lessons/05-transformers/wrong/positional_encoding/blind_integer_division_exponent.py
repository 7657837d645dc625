# mistake: integer division in the exponent: -(2i)//d floors to -1 or 0
# expect: computed with integer division (//)
import numpy as np


def sinusoidal_encoding(num_positions, d_model):
    w = 10000.0 ** (-np.arange(0, d_model, 2) // d_model)
    angles = np.arange(num_positions)[:, None] * w[None, :]
    pe = np.zeros((num_positions, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe


def rope(x, positions, base=10000.0):
    d = x.shape[-1]
    theta = base ** (-np.arange(0, d, 2) / d)
    angles = np.asarray(positions)[:, None] * theta[None, :]
    cos, sin = np.cos(angles), np.sin(angles)
    a = x[..., 0::2]
    b = x[..., 1::2]
    out = np.empty(x.shape, dtype=float)
    out[..., 0::2] = a * cos - b * sin
    out[..., 1::2] = a * sin + b * cos
    return out
