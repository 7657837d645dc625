# expect: use `>`, not `>=`
import numpy as np


def simple_neuron(inputs, weights, threshold=0.5):
    return 1 if np.dot(inputs, weights) >= threshold else 0
