"""Sinusoidal position encodings and rotary position embeddings (RoPE), in NumPy.

sinusoidal_encoding(num_positions, d_model) -> (num_positions, d_model) float array:
    PE[p, 2i]   = sin(p * w_i)
    PE[p, 2i+1] = cos(p * w_i)        w_i = 10000 ** (-2i / d_model),  p = 0, 1, 2, ...

rope(x, positions, base=10000.0) -> array of x's shape. x is (..., L, d) with d even, positions an
integer array (L,) giving each row's position. The feature pair (2i, 2i+1) of a row at position m
is rotated by the angle m * theta_i, theta_i = base ** (-2i / d):
    out[..., 2i]   = x[..., 2i] * cos(m theta_i) - x[..., 2i+1] * sin(m theta_i)
    out[..., 2i+1] = x[..., 2i] * sin(m theta_i) + x[..., 2i+1] * cos(m theta_i)
Do not modify x. NumPy only. Run `dltutor check positional_encoding`.
"""

import numpy as np


def sinusoidal_encoding(num_positions: int, d_model: int) -> np.ndarray:
    # TODO: a column of positions times a row of frequencies (one per PAIR of features).
    # TODO: sines into the even columns, cosines into the odd ones.
    raise NotImplementedError


def rope(x: np.ndarray, positions: np.ndarray, base: float = 10000.0) -> np.ndarray:
    # TODO: angles (L, d/2) from positions and the per-pair frequencies.
    # TODO: split x into its even and odd features, rotate each pair, interleave them back.
    raise NotImplementedError
