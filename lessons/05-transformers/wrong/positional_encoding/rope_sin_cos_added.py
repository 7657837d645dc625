# expect: same distance apart
import numpy as np


def sinusoidal_encoding(num_positions, d_model):
    w = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)
    a = np.arange(num_positions)[:, None] * w
    pe = np.zeros((num_positions, d_model))
    pe[:, 0::2], pe[:, 1::2] = np.sin(a), np.cos(a)
    return pe


def rope(x, positions, base=10000.0):
    # adds the sinusoidal table instead of rotating: position information, but no relative property
    d = x.shape[-1]
    a = np.asarray(positions)[:, None] * base ** (-np.arange(0, d, 2) / d)
    pe = np.zeros((len(positions), d))
    pe[:, 0::2], pe[:, 1::2] = np.sin(a) - 0, np.cos(a) - 1
    return x + pe
