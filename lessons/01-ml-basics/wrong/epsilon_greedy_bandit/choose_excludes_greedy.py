# expect: you left the greedy arm out
import numpy as np


def update_estimate(q, n, reward):
    return q + (reward - q) / n


def choose_arm(q, epsilon, rng):
    greedy = int(np.argmax(q))
    if rng.random() < epsilon:
        others = [a for a in range(len(q)) if a != greedy]
        return int(rng.choice(others))
    return greedy
