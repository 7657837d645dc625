"""Reference solution: logistic regression trained by gradient descent."""

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-z)), computed without overflow for any z."""
    e = np.exp(-np.abs(z))  # never overflows: the exponent is <= 0
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logistic_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """Mean binary cross-entropy of p = sigmoid(X @ w) against labels y in {0, 1}.

    -[y log p + (1 - y) log(1 - p)] equals log(1 + exp(z)) - y*z with z = X @ w,
    and np.logaddexp(0, z) computes log(1 + exp(z)) without overflow.
    """
    z = X @ w
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def logistic_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Xᵀ(sigmoid(Xw) − y) / N."""
    return X.T @ (sigmoid(X @ w) - y) / X.shape[0]


def train_step(X: np.ndarray, y: np.ndarray, w: np.ndarray, lr: float) -> np.ndarray:
    """One gradient-descent step; returns new weights."""
    return w - lr * logistic_gradient(X, y, w)


def predict(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Labels 0/1: 1 where the predicted probability is at least one half."""
    return (X @ w >= 0).astype(np.int64)
