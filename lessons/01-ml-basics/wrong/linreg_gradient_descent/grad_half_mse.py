# expect: factor 2 from the square is missing
# Many tutorials define the loss as half the MSE and print this gradient.
import numpy as np


def mse_loss(X, y, w):
    return float(np.mean((X @ w - y) ** 2))


def mse_gradient(X, y, w):
    return X.T @ (X @ w - y) / len(y)


def gd_step(X, y, w, lr):
    return w - lr * mse_gradient(X, y, w)
