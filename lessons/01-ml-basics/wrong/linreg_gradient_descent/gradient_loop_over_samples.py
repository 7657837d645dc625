# expect: Python loop over the samples
# The gradient summed sample by sample, as a derivation on paper reads; right values, but the
# task asks for one matrix product — no loop over samples.
import numpy as np


def mse_loss(X, y, w):
    return float(np.mean((X @ w - y) ** 2))


def mse_gradient(X, y, w):
    grad = np.zeros_like(w, dtype=float)
    for x_i, y_i in zip(X, y):
        grad += 2 * (x_i @ w - y_i) * x_i
    return grad / len(y)


def gd_step(X, y, w, lr):
    return w - lr * mse_gradient(X, y, w)
