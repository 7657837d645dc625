# expect: counts are integers
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    cm, _, _ = np.histogram2d(y_true, y_pred, bins=n_classes, range=[[0, n_classes], [0, n_classes]])
    return cm


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    raise NotImplementedError
