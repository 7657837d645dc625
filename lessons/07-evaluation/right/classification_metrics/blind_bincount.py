# variant: bincount on the flat index t*C+p, and np.divide(where=) with weights via np.average
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    t = np.asarray(y_true, dtype=np.int64).ravel()
    p = np.asarray(y_pred, dtype=np.int64).ravel()
    return np.bincount(t * n_classes + p, minlength=n_classes * n_classes).reshape(n_classes, n_classes).astype(np.int64)


def _safe(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.divide(a, b, out=np.zeros_like(a), where=b != 0)


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    cm = confusion_matrix(y_true, y_pred, n_classes)
    tp = np.diag(cm).astype(float)
    pred = cm.sum(axis=0)
    sup = cm.sum(axis=1)
    if average == "micro":
        p = float(_safe(tp.sum(), pred.sum()))
        r = float(_safe(tp.sum(), sup.sum()))
        f = float(_safe(2 * p * r, p + r))
        return p, r, f
    P = _safe(tp, pred)
    R = _safe(tp, sup)
    F = _safe(2 * P * R, P + R)
    if average is None:
        return P, R, F
    if average == "macro":
        return float(np.mean(P)), float(np.mean(R)), float(np.mean(F))
    if average == "weighted":
        if sup.sum() == 0:
            return 0.0, 0.0, 0.0
        return tuple(float(np.average(v, weights=sup)) for v in (P, R, F))
    raise ValueError(average)
