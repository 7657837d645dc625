# expect: draw with the `rng` you are given
import numpy as np


def update_estimate(q, n, reward):
    return q + (reward - q) / n


def choose_arm(q, epsilon, rng):
    if np.random.random() < epsilon:
        return int(np.random.randint(len(q)))
    return int(np.argmax(q))
