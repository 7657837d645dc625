# expect: zero_division=0
# mistake: plain division: 0/0 gives nan instead of 0 (warnings silenced)
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


def safe_divide(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    with np.errstate(divide='ignore', invalid='ignore'):
        return a / b


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    cm = confusion_matrix(y_true, y_pred, n_classes)
    tp = np.diag(cm)
    predicted = cm.sum(axis=0)
    support = cm.sum(axis=1)
    P = safe_divide(tp, predicted)
    R = safe_divide(tp, support)
    F = safe_divide(2 * P * R, P + R)
    if average is None:
        return P, R, F
    if average == "macro":
        return float(P.mean()), float(R.mean()), float(F.mean())
    if average == "weighted":
        w = safe_divide(support, support.sum())
        return float((P * w).sum()), float((R * w).sum()), float((F * w).sum())
    if average == "micro":
        p = float(safe_divide(tp.sum(), predicted.sum()))
        r = float(safe_divide(tp.sum(), support.sum()))
        f = float(safe_divide(2 * p * r, p + r))
        return p, r, f
    raise ValueError(average)
