# expect: Python lists
# expect: np.asarray
import numpy as np


def simple_neuron(inputs, weights, threshold=0.5):
    total = np.sum(inputs * weights)
    return 1 if total > threshold else 0
