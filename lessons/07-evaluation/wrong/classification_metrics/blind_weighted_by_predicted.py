# expect: how often they were PREDICTED
# mistake: weighted average uses predicted counts (column sums) as weights instead of true support
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
    return np.divide(a, b, out=np.zeros_like(a), where=b != 0)


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
        w = safe_divide(predicted, predicted.sum())
        return float((P * w).sum()), float((R * w).sum()), float((F * w).sum())
    if average == "micro":
        p = float(safe_divide(tp.sum(), predicted.sum()))
        r = float(safe_divide(tp.sum(), support.sum()))
        f = float(safe_divide(2 * p * r, p + r))
        return p, r, f
    raise ValueError(average)
