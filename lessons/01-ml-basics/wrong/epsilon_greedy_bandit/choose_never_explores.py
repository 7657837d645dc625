# expect: never explores
import numpy as np


def update_estimate(q, n, reward):
    return q + (reward - q) / n


def choose_arm(q, epsilon, rng):
    arm = int(np.argmax(q))
    if rng.random() < epsilon:
        explore = int(rng.integers(len(q)))  # noqa: F841
    return arm
