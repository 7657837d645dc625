# expect: per-class PRECISION
# mistake: balanced_accuracy averages per-class PRECISION (grouping by predicted class) instead of recall
import numpy as np


def balanced_accuracy(y_true, y_pred):
    y_true = np.asarray(y_true); y_pred = np.asarray(y_pred)
    return float(np.mean([np.mean(y_true[y_pred == c] == c) for c in np.unique(y_pred)]))


def class_weights(y):
    y = np.asarray(y)
    counts = np.bincount(y)
    return len(y) / (len(counts) * counts)


def fit_balanced(X, y, steps=500, lr=0.5):
    n, d = X.shape
    sw = class_weights(y)[y]
    w, b = np.zeros(d), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        g = sw * (p - y) / n
        w -= lr * X.T @ g
        b -= lr * g.sum()
    return w, float(b)
