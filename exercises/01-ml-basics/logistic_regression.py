"""Logistic regression: a linear score squashed into a probability.

X has its bias column in front (N, D + 1); y holds labels 0 and 1.

sigmoid(z)                    1 / (1 + exp(-z)), finite for any z
logistic_loss(X, y, w)        mean binary cross-entropy of p = sigmoid(X @ w)
logistic_gradient(X, y, w)    its gradient, Xᵀ(sigmoid(Xw) − y) / N
train_step(X, y, w, lr)       one gradient-descent step -> new weights
predict(X, w)                 labels 0/1 (1 where p >= 0.5)

The loss must stay finite even for very confident wrong predictions
(|X @ w| around 50). The check trains your model to tell handwritten 3s
from 8s (tutor.datasets.load_digits).

Run `dltutor check logistic_regression` to test your implementation.
"""

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-z)), computed without overflow for any z."""
    # TODO
    raise NotImplementedError


def logistic_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """Mean binary cross-entropy of p = sigmoid(X @ w) against labels y in {0, 1}."""
    # TODO: -mean(y*log(p) + (1-y)*log(1-p)); keep it finite when p reaches 0 or 1.
    raise NotImplementedError


def logistic_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Xᵀ(sigmoid(Xw) − y) / N."""
    # TODO
    raise NotImplementedError


def train_step(X: np.ndarray, y: np.ndarray, w: np.ndarray, lr: float) -> np.ndarray:
    """One gradient-descent step; returns new weights."""
    # TODO
    raise NotImplementedError


def predict(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Labels 0/1: 1 where the predicted probability is at least one half."""
    # TODO
    raise NotImplementedError
