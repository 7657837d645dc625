# expect: returned a bool
import numpy as np


def perceptron(x, weights, bias):
    return np.dot(x, weights) + bias > 0
