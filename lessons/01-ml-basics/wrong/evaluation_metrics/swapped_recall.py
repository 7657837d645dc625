# expect: you computed precision
import numpy as np


def mse(y_true, y_pred):
    return float(np.mean((y_pred - y_true) ** 2))


def accuracy(y_true, y_pred):
    return float(np.mean(y_true == y_pred))


def precision(y_true, y_pred):
    tp = np.sum((y_pred == 1) & (y_true == 1))
    pp = np.sum(y_pred == 1)
    return float(tp / pp) if pp else 0.0


def recall(y_true, y_pred):
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fp = np.sum((y_pred == 1) & (y_true == 0))
    return float(tp / (tp + fp)) if tp + fp else 0.0
