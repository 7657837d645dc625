# expect: PREDICTED
# expect: support
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
    predicted = cm.sum(0)
    p = safe(tp, predicted)
    r = safe(tp, cm.sum(1))
    f = safe(2 * p * r, p + r)
    if average is None:
        return p, r, f
    if average == "macro":
        return float(p.mean()), float(r.mean()), float(f.mean())
    if average == "micro":
        acc = tp.sum() / cm.sum()
        return float(acc), float(acc), float(acc)
    w = predicted / predicted.sum()
    return float(p @ w), float(r @ w), float(f @ w)
