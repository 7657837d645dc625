# expect: rng.integers(5)
import numpy as np


def update_estimate(q, n, reward):
    return q + (reward - q) / n


def choose_arm(q, epsilon, rng):
    if rng.random() < epsilon:
        # random.randint includes its upper end; rng.integers does not
        return int(rng.integers(0, len(q) - 1))
    return int(np.argmax(q))
