# expect: classes 0..max(label)
# mistake: balanced_accuracy assumes labels are 0..C-1: averages over range(max+1), so labels absent from y_true count as recall 0
import numpy as np


def balanced_accuracy(y_true, y_pred):
    y_true = np.asarray(y_true); y_pred = np.asarray(y_pred)
    C = int(max(y_true.max(), y_pred.max())) + 1
    tp = np.bincount(y_true[y_true == y_pred], minlength=C)
    n = np.bincount(y_true, minlength=C)
    r = np.divide(tp, n, out=np.zeros(C), where=n > 0)
    return float(r[:C].sum() / C)


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
