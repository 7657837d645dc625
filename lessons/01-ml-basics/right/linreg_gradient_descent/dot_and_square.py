import numpy as np


def mse_loss(X, y, w):
    return np.square(X.dot(w) - y).mean()


def mse_gradient(X, y, w):
    n = len(y)
    return (2 / n) * X.T.dot(X.dot(w) - y)


def gd_step(X, y, w, lr):
    return w - lr * mse_gradient(X, y, w)
