"""Reference solution: balanced accuracy, balanced class weights, a class-weighted logistic regression."""

import numpy as np


def balanced_accuracy(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    # only the classes that occur in y_true have a recall; a class that is only predicted adds nothing
    recalls = [np.mean(y_pred[y_true == c] == c) for c in np.unique(y_true)]
    return float(np.mean(recalls))


def class_weights(y):
    counts = np.bincount(np.asarray(y))
    return len(y) / (len(counts) * counts)  # n / (C * n_c): each class carries n / C in total


def fit_balanced(X, y, steps=500, lr=0.5):
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    sample_weight = class_weights(y)[y]
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
        g = sample_weight * (p - y) / len(y)  # gradient of the weighted mean cross-entropy w.r.t. the logit
        w -= lr * (X.T @ g)
        b -= lr * g.sum()
    return w, float(b)
