# expect: INVERTED
import numpy as np


def balanced_accuracy(y_true, y_pred):
    return float(np.mean([np.mean(y_pred[y_true == c] == c) for c in np.unique(y_true)]))


def class_weights(y):
    counts = np.bincount(y)
    return len(y) / (len(counts) * counts)


def fit_balanced(X, y, steps=500, lr=0.5):
    sw = (1.0 / class_weights(y))[y]  # "normalise" by the class weight
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        g = sw * (1 / (1 + np.exp(-(X @ w + b))) - y) / len(y)
        w = w - lr * X.T @ g
        b = b - lr * g.sum()
    return w, float(b)
