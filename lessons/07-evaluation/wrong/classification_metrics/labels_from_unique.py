# expect: including classes that never occur
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    labels = np.union1d(y_true, y_pred)
    index = {c: i for i, c in enumerate(labels)}
    cm = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[index[t], index[p]] += 1
    return cm


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    raise NotImplementedError
