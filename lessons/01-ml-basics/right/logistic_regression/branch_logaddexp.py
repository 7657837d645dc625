import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def logistic_loss(X, y, w):
    z = X @ w
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def logistic_gradient(X, y, w):
    err = sigmoid(X @ w) - y
    return np.dot(err, X) / len(y)


def train_step(X, y, w, lr):
    return w - lr * logistic_gradient(X, y, w)


def predict(X, w):
    return sigmoid(X @ w) >= 0.5  # the task: p >= 0.5 is class 1
