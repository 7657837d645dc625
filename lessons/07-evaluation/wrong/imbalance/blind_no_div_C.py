# expect: factor 1 / C is missing
# mistake: class_weights leaves out the 1/C: w[c] = n / n_c (and training uses the same, C times larger steps)
import numpy as np


def balanced_accuracy(y_true, y_pred):
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    return float(np.mean([np.mean(y_pred[y_true == c] == c) for c in np.unique(y_true)]))


def class_weights(y):
    y = np.asarray(y)
    counts = np.bincount(y)
    return len(y) / counts


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
