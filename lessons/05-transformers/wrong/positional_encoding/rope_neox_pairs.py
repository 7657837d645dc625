# expect: GPT-NeoX
import numpy as np


def sinusoidal_encoding(num_positions, d_model):
    w = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)
    a = np.arange(num_positions)[:, None] * w
    pe = np.zeros((num_positions, d_model))
    pe[:, 0::2], pe[:, 1::2] = np.sin(a), np.cos(a)
    return pe


def rope(x, positions, base=10000.0):
    d = x.shape[-1]
    a = np.asarray(positions)[:, None] * base ** (-np.arange(0, d, 2) / d)
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    return np.concatenate([x1 * np.cos(a) - x2 * np.sin(a), x1 * np.sin(a) + x2 * np.cos(a)], axis=-1)
