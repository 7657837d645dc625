import numpy as np


def sample_normal(rng, mean, std, n):
    z = rng.standard_normal(size=(n,))
    return z * std + mean


def sample_uniform(rng, low, high, n):
    u = rng.random(n)
    return (1 - u) * low + u * high


def standardize(X):
    n = X.shape[0]
    mu = X.sum(axis=0) / n
    centred = X - mu
    sd = np.sqrt((centred ** 2).sum(axis=0) / n)
    with np.errstate(invalid="ignore", divide="ignore"):
        # a constant column's sd is rounding noise (0.1s: ~1e-17), not always 0: compare with its size
        return np.where(sd > 1e-12 * np.abs(mu), centred / sd, 0.0)
