# expect: does not draw from the `rng` argument
# Fixing reproducibility by seeding a new generator inside the function.
import numpy as np


def sample_normal(rng, mean, std, n):
    return np.random.default_rng(42).normal(mean, std, n)


def sample_uniform(rng, low, high, n):
    return low + (high - low) * rng.random(n)


def standardize(X):
    sd = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
