"""Reference solution: sampling from distributions with a Generator, and standardising."""

import numpy as np


def sample_normal(rng: np.random.Generator, mean: float, std: float, n: int) -> np.ndarray:
    """n draws from the normal distribution N(mean, std^2), using only `rng`."""
    return mean + std * rng.standard_normal(n)


def sample_uniform(rng: np.random.Generator, low: float, high: float, n: int) -> np.ndarray:
    """n draws, uniform on [low, high), using only `rng`."""
    return low + (high - low) * rng.random(n)


def standardize(X: np.ndarray) -> np.ndarray:
    """Each column of X (N, D) shifted to mean 0 and scaled to (population) std 1.

    Constant columns (std 0) become all zeros instead of NaN.
    """
    mu = X.mean(axis=0)
    sigma = X.std(axis=0)
    return (X - mu) / np.where(sigma > 0, sigma, 1.0)
