# expect: mean and std are swapped
import numpy as np


def sample_normal(rng, mean, std, n):
    return rng.normal(std, mean, n)


def sample_uniform(rng, low, high, n):
    return low + (high - low) * rng.random(n)


def standardize(X):
    sd = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
