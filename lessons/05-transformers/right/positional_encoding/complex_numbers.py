import numpy as np


def sinusoidal_encoding(num_positions, d_model):
    i = np.arange(d_model // 2)
    angle = np.outer(np.arange(num_positions), 1.0 / np.power(10000.0, 2 * i / d_model))
    return np.stack([np.sin(angle), np.cos(angle)], axis=-1).reshape(num_positions, d_model)


def rope(x, positions, base=10000.0):
    # A pair (a, b) is the complex number a + ib; rotating it is multiplying by e^{i angle}.
    d = x.shape[-1]
    z = x[..., 0::2] + 1j * x[..., 1::2]
    angle = np.outer(positions, base ** (-np.arange(0, d, 2) / d))
    r = z * np.exp(1j * angle)
    return np.stack([r.real, r.imag], axis=-1).reshape(x.shape)
