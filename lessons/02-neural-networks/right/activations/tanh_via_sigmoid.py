import numpy as np


def relu(x):
    return np.maximum(0, x)


def relu_derivative(x):
    return np.greater(x, 0).astype(x.dtype if np.issubdtype(np.asarray(x).dtype, np.floating) else float)


def sigmoid(x):
    # 0.5 * (1 + tanh(x / 2)) is the same function and cannot overflow
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def sigmoid_derivative(x):
    return 0.25 / np.cosh(0.5 * np.clip(x, -700, 700)) ** 2


def tanh(x):
    return 2.0 * sigmoid(2.0 * x) - 1.0


def tanh_derivative(x):
    return 4.0 * sigmoid_derivative(2.0 * x)
