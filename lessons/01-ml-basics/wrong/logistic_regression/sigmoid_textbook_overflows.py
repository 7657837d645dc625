# expect: no overflow at any z
# The textbook formula: right values at z = -1000, but exp(1000) overflows to inf on the way.
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def logistic_loss(X, y, w):
    z = X @ w
    return float(np.mean(np.logaddexp(0, z) - y * z))


def logistic_gradient(X, y, w):
    return X.T @ (sigmoid(X @ w) - y) / len(y)


def train_step(X, y, w, lr):
    return w - lr * logistic_gradient(X, y, w)


def predict(X, w):
    return (sigmoid(X @ w) >= 0.5).astype(int)
