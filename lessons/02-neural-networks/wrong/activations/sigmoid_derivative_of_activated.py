# expect: already-activated
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_derivative(x):
    return (x > 0).astype(float)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    # As in many tutorials: expects x to be sigmoid(z) already.
    return x * (1 - x)


def tanh(x):
    return np.tanh(x)


def tanh_derivative(x):
    return 1 - np.tanh(x) ** 2
