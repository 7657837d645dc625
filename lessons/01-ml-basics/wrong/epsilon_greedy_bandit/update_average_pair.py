# expect: (q + reward) / 2
import numpy as np


def update_estimate(q, n, reward):
    return (q + reward) / 2


def choose_arm(q, epsilon, rng):
    if rng.random() < epsilon:
        return int(rng.integers(len(q)))
    return int(np.argmax(q))
