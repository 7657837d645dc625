"""Reference solution: a single threshold neuron."""

import numpy as np


def simple_neuron(inputs, weights, threshold=0.5) -> int:
    """1 if the weighted sum of `inputs` exceeds `threshold`, else 0."""
    total = float(np.dot(np.asarray(inputs, dtype=float), np.asarray(weights, dtype=float)))
    return 1 if total > threshold else 0
