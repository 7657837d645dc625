# expect: sample std (ddof=1)
import numpy as np


def sample_normal(rng, mean, std, n):
    return mean + std * rng.standard_normal(n)


def sample_uniform(rng, low, high, n):
    return low + (high - low) * rng.random(n)


def standardize(X):
    return (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
