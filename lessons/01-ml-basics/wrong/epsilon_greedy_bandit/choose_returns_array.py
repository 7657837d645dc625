# expect: return the index of an arm, an int
import numpy as np


def update_estimate(q, n, reward):
    return q + (reward - q) / n


def choose_arm(q, epsilon, rng):
    if rng.random() < epsilon:
        return rng.integers(len(q), size=1)
    return np.argmax(q, keepdims=True)
