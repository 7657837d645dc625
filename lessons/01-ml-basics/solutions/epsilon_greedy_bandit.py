"""Reference solution: the ε-greedy multi-armed bandit agent."""

import numpy as np


def update_estimate(q: float, n: int, reward: float) -> float:
    """The running mean after the n-th reward: q + (reward - q) / n.

    q is the mean of the first n - 1 rewards of this arm; n counts this pull too.
    """
    return q + (reward - q) / n


def choose_arm(q: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    """With probability epsilon any arm uniformly at random (greedy one included), else argmax(q)."""
    if rng.random() < epsilon:
        return int(rng.integers(len(q)))
    return int(np.argmax(q))
