# expect: goes uphill
import numpy as np


def mse_loss(X, y, w):
    return float(np.mean((X @ w - y) ** 2))


def mse_gradient(X, y, w):
    return 2.0 * X.T @ (X @ w - y) / len(y)


def gd_step(X, y, w, lr):
    return w + lr * mse_gradient(X, y, w)
