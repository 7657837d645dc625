# expect: integer division
import numpy as np


def mse(y_true, y_pred):
    return float(np.mean((y_true - y_pred) ** 2))


def accuracy(y_true, y_pred):
    return float(np.sum(y_true == y_pred) // len(y_true))


def precision(y_true, y_pred):
    tp = int(np.sum((y_pred == 1) & (y_true == 1)))
    predicted = int(np.sum(y_pred == 1))
    return float(tp // predicted) if predicted else 0.0


def recall(y_true, y_pred):
    tp = int(np.sum((y_pred == 1) & (y_true == 1)))
    positives = int(np.sum(y_true == 1))
    return float(tp // positives) if positives else 0.0
