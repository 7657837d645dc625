# expect: transpose
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[p, t] += 1  # rows = predicted
    return cm


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    raise NotImplementedError
