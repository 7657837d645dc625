# expect: class weight of its TRUE label
# mistake: fit_balanced indexes the weights by the predicted class (round(p)) instead of the true class y
import numpy as np


def balanced_accuracy(y_true, y_pred):
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    return float(np.mean([np.mean(y_pred[y_true == c] == c) for c in np.unique(y_true)]))


def class_weights(y):
    y = np.asarray(y)
    counts = np.bincount(y)
    return len(y) / (len(counts) * counts)


def fit_balanced(X, y, steps=500, lr=0.5):
    n, d = X.shape
    cw = class_weights(y)
    w, b = np.zeros(d), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        sw = cw[(p > 0.5).astype(int)]
        g = sw * (p - y) / n
        w -= lr * X.T @ g
        b -= lr * g.sum()
    return w, float(b)
