import numpy as np


def update_estimate(q, n, reward):
    step_size = 1.0 / n
    return q + step_size * (reward - q)


def choose_arm(q, epsilon, rng):
    if rng.uniform() > epsilon:
        return int(np.argmax(q))
    return int(rng.integers(0, len(q)))
