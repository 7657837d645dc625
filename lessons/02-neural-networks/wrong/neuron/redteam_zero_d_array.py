# expect: 0-d NumPy array
import numpy as np


def simple_neuron(inputs, weights, threshold=0.5) -> int:
    total = np.asarray(inputs) @ np.asarray(weights)
    return np.asarray(total > threshold).astype(int)
