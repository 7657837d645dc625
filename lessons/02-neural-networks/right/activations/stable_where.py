import numpy as np


def relu(x):
    return np.where(x > 0, x, 0.0)


def relu_derivative(x):
    return (x > 0).astype(float)


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    # exp of a non-positive number never overflows
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    return np.tanh(x)


def tanh_derivative(x):
    return 1.0 - np.tanh(x) ** 2
