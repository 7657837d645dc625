import numpy as np
from scipy.special import expit


def sigmoid(z):
    return expit(z)


def logistic_loss(X, y, w):
    p = np.clip(sigmoid(X @ w), 1e-15, 1 - 1e-15)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def logistic_gradient(X, y, w):
    return X.T @ (sigmoid(X @ w) - y) / X.shape[0]


def train_step(X, y, w, lr):
    return w - lr * logistic_gradient(X, y, w)


def predict(X, w):
    return (sigmoid(X @ w) >= 0.5).astype(int)  # not np.round: it rounds 0.5 to 0
