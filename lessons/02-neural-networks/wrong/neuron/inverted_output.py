# expect: inverted
import numpy as np


def simple_neuron(inputs, weights, threshold=0.5):
    return 0 if np.dot(inputs, weights) > threshold else 1
