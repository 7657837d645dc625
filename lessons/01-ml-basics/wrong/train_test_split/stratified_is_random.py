# expect: a plain random split lets the proportions drift
import numpy as np


def shuffled_split(n, test_fraction, rng):
    order = rng.permutation(n)
    k = int(round(n * test_fraction))
    return order[k:], order[:k]


def stratified_split(y, test_fraction, rng):
    order = rng.permutation(len(y))
    k = int(round(len(y) * test_fraction))
    return order[k:], order[:k]
