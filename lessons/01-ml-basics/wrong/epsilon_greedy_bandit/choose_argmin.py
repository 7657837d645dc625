# expect: the *smallest* estimate
import numpy as np


def update_estimate(q, n, reward):
    return q + (reward - q) / n


def choose_arm(q, epsilon, rng):
    if rng.random() < epsilon:
        return int(rng.integers(len(q)))
    return int(np.argmin(q))
