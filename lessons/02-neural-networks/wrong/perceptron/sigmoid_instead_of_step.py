# expect: exactly sigmoid
import numpy as np


def perceptron(x, weights, bias):
    return 1 / (1 + np.exp(-(np.dot(x, weights) + bias)))
