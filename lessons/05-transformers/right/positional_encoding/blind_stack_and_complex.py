import numpy as np


def sinusoidal_encoding(num_positions, d_model):
    i = np.arange(d_model // 2)
    ang = np.outer(np.arange(num_positions), np.exp(-np.log(10000.0) * 2 * i / d_model))
    return np.stack([np.sin(ang), np.cos(ang)], axis=-1).reshape(num_positions, d_model)


def rope(x, positions, base=10000.0):
    x = np.asarray(x, dtype=float)
    d = x.shape[-1]
    theta = base ** (-2.0 * np.arange(d // 2) / d)
    rot = np.exp(1j * np.outer(np.asarray(positions, dtype=float), theta))
    z = x[..., 0::2] + 1j * x[..., 1::2]
    z = z * rot
    return np.stack([z.real, z.imag], axis=-1).reshape(x.shape)
