# expect: instead of the `threshold` argument
import numpy as np


def simple_neuron(inputs, weights, threshold=0.5):
    total = np.dot(inputs, weights)
    return 1 if total > 0.5 else 0
