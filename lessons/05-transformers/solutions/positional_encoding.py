"""Sinusoidal encodings and RoPE (reference)."""

import numpy as np


def _frequencies(d, base):
    return base ** (-np.arange(0, d, 2) / d)  # one per feature pair: exponent 2i/d


def sinusoidal_encoding(num_positions, d_model):
    angles = np.arange(num_positions)[:, None] * _frequencies(d_model, 10000.0)[None, :]
    pe = np.zeros((num_positions, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe


def rope(x, positions, base=10000.0):
    angles = np.asarray(positions)[:, None] * _frequencies(x.shape[-1], base)[None, :]  # (L, d/2)
    cos, sin = np.cos(angles), np.sin(angles)
    even, odd = x[..., 0::2], x[..., 1::2]
    out = np.empty(np.broadcast_shapes(x.shape), dtype=np.result_type(x, np.float64))
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out
