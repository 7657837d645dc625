import numpy as np


def mse(y_true, y_pred):
    return np.mean((np.asarray(y_true) - np.asarray(y_pred)) ** 2)


def accuracy(y_true, y_pred):
    return np.sum(y_true == y_pred) / len(y_true)


def _confusion(y_true, y_pred):
    tp = np.count_nonzero((y_true == 1) & (y_pred == 1))
    fp = np.count_nonzero((y_true == 0) & (y_pred == 1))
    fn = np.count_nonzero((y_true == 1) & (y_pred == 0))
    return tp, fp, fn


def precision(y_true, y_pred):
    tp, fp, _ = _confusion(y_true, y_pred)
    return tp / (tp + fp) if tp + fp else 0.0


def recall(y_true, y_pred):
    tp, _, fn = _confusion(y_true, y_pred)
    return tp / (tp + fn) if (tp + fn) > 0 else 0.0
