"""Class imbalance: balanced accuracy, balanced class weights, a class-weighted classifier.

Write these with NumPy only (no scikit-learn; the checker compares with it).

balanced_accuracy(y_true, y_pred) -> float
    the mean of the per-class recalls, over the classes that occur in y_true
    (labels are integers, not necessarily 0..C-1; a class that only occurs in
    y_pred has no recall and does not count; one never predicted counts with 0).
class_weights(y) -> float array (C,)
    y holds the labels 0..C-1, each occurring; w[c] = n / (C * n_c), where n_c
    counts class c ("balanced": every class carries the same total weight).
fit_balanced(X, y) -> (w, b)
    X float (n, d), y int (n,) in {0, 1}, class 1 rare (5 %). Train a logistic
    regression whose loss weighs each sample by its class weight (or train on
    data where class 1 is oversampled); w float (d,) and b a float, both
    trained (the bias too: the classes are not centred at 0); class 1 is
    predicted where X @ w + b > 0. Balanced accuracy on fresh data >= 0.84.

Run `dltutor check imbalance` to test your implementation.
"""

import numpy as np


def balanced_accuracy(y_true, y_pred):
    """Mean recall over the classes present in y_true."""
    # TODO
    raise NotImplementedError


def class_weights(y):
    """n / (C * n_c) for each class c = 0..C-1."""
    # TODO
    raise NotImplementedError


def fit_balanced(X, y, steps=500, lr=0.5):
    """A logistic regression (w, b) trained so that both classes count equally."""
    # TODO: gradient descent on the class-weighted mean cross-entropy, from w = 0, b = 0
    raise NotImplementedError
