import numpy as np


def mse_loss(X, y, w):
    e = y - X @ w
    return float(e @ e) / len(e)


def mse_gradient(X, y, w):
    # d/dw mean((y - Xw)^2) = -2/N X^T (y - Xw)
    e = y - np.einsum("nd,d->n", X, w)
    return -2.0 * np.einsum("nd,n->d", X, e) / X.shape[0]


def gd_step(X, y, w, lr):
    w = w.copy()
    w -= lr * mse_gradient(X, y, w)
    return w
