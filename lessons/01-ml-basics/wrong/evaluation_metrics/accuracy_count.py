# expect: that is a count
import numpy as np


def mse(y_true, y_pred):
    return float(np.mean((y_pred - y_true) ** 2))


def accuracy(y_true, y_pred):
    return float(np.sum(y_true == y_pred))


def precision(y_true, y_pred):
    tp = np.sum((y_pred == 1) & (y_true == 1))
    pp = np.sum(y_pred == 1)
    return float(tp / pp) if pp else 0.0


def recall(y_true, y_pred):
    tp = np.sum((y_pred == 1) & (y_true == 1))
    ap = np.sum(y_true == 1)
    return float(tp / ap) if ap else 0.0
