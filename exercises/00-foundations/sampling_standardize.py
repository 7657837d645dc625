"""Sampling from distributions, and standardising data.

sample_normal(rng, mean, std, n)    n draws from N(mean, std^2)
sample_uniform(rng, low, high, n)   n draws, uniform on [low, high)
standardize(X)                      each column of X (N, D) to mean 0, std 1

Draw only through the `rng` you are given (a np.random.Generator), so that
the same seed gives the same numbers; build both samplers from
rng.standard_normal(n) and rng.random(n). standardize uses the population
std (ddof=0) and turns a constant column into zeros.

Run `dltutor check sampling_standardize` to test your implementation.
"""

import numpy as np


def sample_normal(rng: np.random.Generator, mean: float, std: float, n: int) -> np.ndarray:
    """n draws from the normal distribution N(mean, std^2), using only `rng`."""
    # TODO: shift and scale standard normal draws.
    raise NotImplementedError


def sample_uniform(rng: np.random.Generator, low: float, high: float, n: int) -> np.ndarray:
    """n draws, uniform on [low, high), using only `rng`."""
    # TODO: stretch rng.random(n), which is uniform on [0, 1).
    raise NotImplementedError


def standardize(X: np.ndarray) -> np.ndarray:
    """Each column of X (N, D) shifted to mean 0 and scaled to (population) std 1.

    Constant columns (std 0) become all zeros instead of NaN.
    """
    # TODO: per-column mean and std (axis=0); divide by 1 where the std is 0.
    raise NotImplementedError
