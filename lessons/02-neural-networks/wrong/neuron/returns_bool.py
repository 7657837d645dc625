# expect: returned a bool
import numpy as np


def simple_neuron(inputs, weights, threshold=0.5):
    return np.dot(inputs, weights) > threshold
