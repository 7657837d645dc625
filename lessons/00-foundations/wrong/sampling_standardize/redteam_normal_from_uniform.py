# expect: rng.random, which is uniform
import numpy as np


def sample_normal(rng, mean, std, n):
    return mean + std * rng.random(n)


def sample_uniform(rng, low, high, n):
    return low + (high - low) * rng.random(n)


def standardize(X):
    mu = X.mean(axis=0)
    sd = X.std(axis=0)
    return (X - mu) / np.where(X.max(axis=0) == X.min(axis=0), 1.0, sd)
