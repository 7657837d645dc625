"""Measuring a model: MSE for regression, accuracy / precision / recall for classification.

Labels are 0/1 integer arrays; 1 is the positive class (say, "spam").

mse(y_true, y_pred)        mean of squared differences
accuracy(y_true, y_pred)   fraction correct, in [0, 1]
precision(y_true, y_pred)  TP / (TP + FP): of what you flagged, how much was right
                           (0.0 when nothing is predicted positive)
recall(y_true, y_pred)     TP / (TP + FN): of what was there, how much you found
                           (0.0 when there are no positives)

Return plain floats.

Run `dltutor check evaluation_metrics` to test your implementation.
"""

import numpy as np


def mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean squared error."""
    # TODO
    raise NotImplementedError


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Fraction of labels predicted correctly, in [0, 1]."""
    # TODO
    raise NotImplementedError


def precision(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Of the samples predicted positive (1), the fraction that are positive; 0.0 if none is predicted."""
    # TODO: count true positives and predicted positives; guard the division.
    raise NotImplementedError


def recall(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Of the positive samples, the fraction predicted positive; 0.0 if there are no positives."""
    # TODO
    raise NotImplementedError
