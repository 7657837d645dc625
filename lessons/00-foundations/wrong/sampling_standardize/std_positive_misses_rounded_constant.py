# expect: no exact binary form
# The old reference: 'std > 0' treats a column of 0.1s (std ~1.4e-17 from rounding) as varying, and scales its noise up to ±1.
"""Wrong: constant columns detected by std > 0."""

import numpy as np


def sample_normal(rng: np.random.Generator, mean: float, std: float, n: int) -> np.ndarray:
    """n draws from the normal distribution N(mean, std^2), using only `rng`."""
    return mean + std * rng.standard_normal(n)


def sample_uniform(rng: np.random.Generator, low: float, high: float, n: int) -> np.ndarray:
    """n draws, uniform on [low, high), using only `rng`."""
    return low + (high - low) * rng.random(n)


def standardize(X: np.ndarray) -> np.ndarray:
    """Each column of X (N, D) shifted to mean 0 and scaled to (population) std 1.

    Constant columns become all zeros instead of NaN. "Constant" is tested on the values,
    not as std == 0: a column of 0.1s has a computed std of about 1e-17 (rounding), not 0.
    """
    mu = X.mean(axis=0)
    sigma = X.std(axis=0)
    return (X - mu) / np.where(sigma > 0, sigma, 1.0)
