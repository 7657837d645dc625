# expect: relu_derivative returned a boolean array
import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_derivative(x):
    return x > 0


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)


def tanh(x):
    return np.tanh(x)


def tanh_derivative(x):
    return 1 - np.tanh(x) ** 2
