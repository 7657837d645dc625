# expect: the minus sign is missing
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def logistic_loss(X, y, w):
    p = np.clip(sigmoid(X @ w), 1e-12, 1 - 1e-12)
    return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def logistic_gradient(X, y, w):
    return X.T @ (sigmoid(X @ w) - y) / len(y)


def train_step(X, y, w, lr):
    return w - lr * logistic_gradient(X, y, w)


def predict(X, w):
    return (sigmoid(X @ w) >= 0.5).astype(int)
