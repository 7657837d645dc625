import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0, -z))


def softplus(v):
    return np.maximum(v, 0) + np.log1p(np.exp(-np.abs(v)))


def logistic_loss(X, y, w):
    # -[y log s(z) + (1-y) log(1 - s(z))] = y*softplus(-z) + (1-y)*softplus(z)
    z = X @ w
    return np.mean(y * softplus(-z) + (1 - y) * softplus(z))


def logistic_gradient(X, y, w):
    n = X.shape[0]
    return (1 / n) * (X.T @ (sigmoid(X @ w) - y))


def train_step(X, y, w, lr):
    return w - lr * logistic_gradient(X, y, w)


def predict(X, w):
    return np.where(X @ w >= 0, 1, 0)
