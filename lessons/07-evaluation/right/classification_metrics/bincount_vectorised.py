import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    flat = np.asarray(y_true) * n_classes + np.asarray(y_pred)
    return np.bincount(flat, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    cm = confusion_matrix(y_true, y_pred, n_classes).astype(float)
    tp = np.diag(cm)
    fp = cm.sum(axis=0) - tp
    fn = cm.sum(axis=1) - tp
    if average == "micro":
        tp, fp, fn = tp.sum(), fp.sum(), fn.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.nan_to_num(tp / (tp + fp))
        r = np.nan_to_num(tp / (tp + fn))
        f = np.nan_to_num(2 * tp / (2 * tp + fp + fn))
    if average in (None, "micro"):
        return (p, r, f) if average is None else (float(p), float(r), float(f))
    w = (tp + fn) / (tp + fn).sum() if average == "weighted" else np.full(n_classes, 1 / n_classes)
    return float(np.dot(p, w)), float(np.dot(r, w)), float(np.dot(f, w))
