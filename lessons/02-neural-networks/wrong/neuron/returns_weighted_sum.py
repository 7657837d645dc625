# expect: exactly the weighted sum
import numpy as np


def simple_neuron(inputs, weights, threshold=0.5):
    total = np.dot(inputs, weights)
    if total > threshold:
        return total
    return 0
