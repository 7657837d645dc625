# expect: harmonic mean of macro precision
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
    support = cm.sum(1)
    if average == "micro":
        acc = tp.sum() / cm.sum()
        return float(acc), float(acc), float(acc)
    p = safe(tp, cm.sum(0))
    r = safe(tp, support)
    f = safe(2 * p * r, p + r)
    if average is None:
        return p, r, f
    w = np.ones(n_classes) / n_classes if average == "macro" else support / support.sum()
    P, R = float(p @ w), float(r @ w)
    if average == "macro":
        return P, R, float(safe(2 * P * R, P + R))
    return P, R, float(f @ w)
