# expect: its sign is flipped
# mistake: fit_balanced returns (-w, -b): trained right but the sign flipped, so X@w+b > 0 predicts class 0
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
    sw = class_weights(y)[y]
    w, b = np.zeros(d), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        g = sw * (p - y) / n
        w -= lr * X.T @ g
        b -= lr * g.sum()
    # scikit-learn style: decision is "class 0 where score > 0"
    return -w, float(-b)
