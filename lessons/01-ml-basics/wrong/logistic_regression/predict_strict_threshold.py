# expect: use >=, not >
# `p > 0.5` instead of `p >= 0.5`: identical on random scores, wrong exactly on the boundary.
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logistic_loss(X, y, w):
    z = X @ w
    return float(np.mean(np.logaddexp(0, z) - y * z))


def logistic_gradient(X, y, w):
    return X.T @ (sigmoid(X @ w) - y) / len(y)


def train_step(X, y, w, lr):
    return w - lr * logistic_gradient(X, y, w)


def predict(X, w):
    return (sigmoid(X @ w) > 0.5).astype(int)
