# expect: 0/0
# expect: zero_division=0
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    return cm


def safe(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.divide(a, b, out=np.zeros_like(a), where=b != 0)


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    cm = confusion_matrix(y_true, y_pred, n_classes)
    tp = np.diag(cm)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = tp / cm.sum(0)
        r = tp / cm.sum(1)
        f = 2 * p * r / (p + r)
    if average is None:
        return p, r, f
    return float(np.nanmean(p)), float(np.nanmean(r)), float(np.nanmean(f))
