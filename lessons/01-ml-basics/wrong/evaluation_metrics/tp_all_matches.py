# expect: true positive
import numpy as np


def mse(y_true, y_pred):
    return float(np.mean((y_true - y_pred) ** 2))


def accuracy(y_true, y_pred):
    return float(np.mean(y_true == y_pred))


def precision(y_true, y_pred):
    tp = np.sum(y_true == y_pred)
    fp = np.sum((y_pred == 1) & (y_true == 0))
    return float(tp / (tp + fp)) if tp + fp else 0.0


def recall(y_true, y_pred):
    tp = np.sum(y_true == y_pred)
    fn = np.sum((y_pred == 0) & (y_true == 1))
    return float(tp / (tp + fn)) if tp + fn else 0.0
