import numpy as np


def update_estimate(q, n, reward):
    return ((n - 1) * q + reward) / n


def choose_arm(q, epsilon, rng):
    if rng.random() < epsilon:
        return int(rng.choice(len(q)))
    best = np.flatnonzero(q == np.max(q))
    return int(rng.choice(best))  # break ties at random
