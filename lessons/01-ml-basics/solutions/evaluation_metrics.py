"""Reference solution: MSE for regression; accuracy, precision and recall for binary labels."""

import numpy as np


def mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean squared error."""
    return float(np.mean((y_pred - y_true) ** 2))


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Fraction of labels predicted correctly, in [0, 1]."""
    return float(np.mean(y_true == y_pred))


def precision(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Of the samples predicted positive (1), the fraction that are positive; 0.0 if none is predicted."""
    tp = np.sum((y_pred == 1) & (y_true == 1))
    predicted = np.sum(y_pred == 1)
    return float(tp / predicted) if predicted > 0 else 0.0


def recall(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Of the positive samples, the fraction predicted positive; 0.0 if there are no positives."""
    tp = np.sum((y_pred == 1) & (y_true == 1))
    actual = np.sum(y_true == 1)
    return float(tp / actual) if actual > 0 else 0.0
