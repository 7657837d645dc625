# expect: never predicted
import numpy as np


def balanced_accuracy(y_true, y_pred):
    classes = np.intersect1d(np.unique(y_true), np.unique(y_pred))
    return float(np.mean([np.mean(y_pred[y_true == c] == c) for c in classes]))


def class_weights(y):
    counts = np.bincount(y)
    return len(y) / (len(counts) * counts)


def fit_balanced(X, y, steps=500, lr=0.5):
    sw = class_weights(y)[y]
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        g = sw * (1 / (1 + np.exp(-(X @ w + b))) - y) / len(y)
        w = w - lr * X.T @ g
        b = b - lr * g.sum()
    return w, float(b)
