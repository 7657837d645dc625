# expect: constant step size
import numpy as np


def update_estimate(q, n, reward):
    return q + 0.1 * (reward - q)


def choose_arm(q, epsilon, rng):
    if rng.random() < epsilon:
        return int(rng.integers(len(q)))
    return int(np.argmax(q))
