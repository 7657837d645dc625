# expect: you rotated row j by the row index j
import numpy as np


def sinusoidal_encoding(num_positions, d_model):
    w = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)
    a = np.arange(num_positions)[:, None] * w
    pe = np.zeros((num_positions, d_model))
    pe[:, 0::2], pe[:, 1::2] = np.sin(a), np.cos(a)
    return pe


def rope(x, positions, base=10000.0):
    d, L = x.shape[-1], x.shape[-2]
    a = np.arange(L)[:, None] * base ** (-np.arange(0, d, 2) / d)  # ignores the positions given
    e, o = x[..., 0::2], x[..., 1::2]
    out = np.empty(x.shape)
    out[..., 0::2], out[..., 1::2] = e * np.cos(a) - o * np.sin(a), e * np.sin(a) + o * np.cos(a)
    return out
