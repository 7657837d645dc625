# expect: the step was never applied
import numpy as np


def perceptron(x, weights, bias):
    linear_output = np.dot(x, weights) + bias
    return linear_output
