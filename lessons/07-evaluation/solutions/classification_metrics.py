"""Reference solution: confusion matrix, precision, recall and F1 with the zero_division=0 convention."""

import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    """[i, j] counts samples of true class i predicted as class j."""
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (np.asarray(y_true), np.asarray(y_pred)), 1)
    return cm


def _safe_divide(num, den):
    """num / den, and 0 where den is 0 (scikit-learn's zero_division=0)."""
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    return np.divide(num, den, out=np.zeros_like(num), where=den != 0)


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    cm = confusion_matrix(y_true, y_pred, n_classes)
    tp = np.diag(cm)
    predicted = cm.sum(axis=0)
    support = cm.sum(axis=1)
    if average == "micro":
        p = r = float(_safe_divide(tp.sum(), predicted.sum()))
        f = float(_safe_divide(2 * p * r, p + r))
        return p, r, f
    precision = _safe_divide(tp, predicted)
    recall = _safe_divide(tp, support)
    f1 = _safe_divide(2 * precision * recall, precision + recall)
    if average is None:
        return precision, recall, f1
    if average == "macro":
        weights = np.full(n_classes, 1.0 / n_classes)
    elif average == "weighted":
        weights = support / support.sum()
    else:
        raise ValueError(f"unknown average {average!r}")
    return float(precision @ weights), float(recall @ weights), float(f1 @ weights)
