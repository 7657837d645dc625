# expect: exactly the pre-activation
import numpy as np


def perceptron(x, weights, bias):
    return np.dot(x, weights) + bias
