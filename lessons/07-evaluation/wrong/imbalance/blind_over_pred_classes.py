# expect: y_true OR y_pred
# mistake: balanced_accuracy averages recall over the union of true and predicted classes (a predicted-only class counts as 0)
import numpy as np


def balanced_accuracy(y_true, y_pred):
    y_true = np.asarray(y_true); y_pred = np.asarray(y_pred)
    recalls = []
    for c in np.union1d(y_true, y_pred):
        m = y_true == c
        recalls.append(np.mean(y_pred[m] == c) if m.any() else 0.0)
    return float(np.mean(recalls))


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
