# variant: plain Python loops over samples and classes, F1 from raw counts 2tp/(2tp+fp+fn)
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    for t, p in zip(np.asarray(y_true).tolist(), np.asarray(y_pred).tolist()):
        cm[int(t), int(p)] += 1
    return cm


def _div(a, b):
    return a / b if b != 0 else 0.0


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    cm = confusion_matrix(y_true, y_pred, n_classes)
    P, R, F, sup = [], [], [], []
    for c in range(n_classes):
        tp = int(cm[c, c])
        fp = int(cm[:, c].sum()) - tp
        fn = int(cm[c, :].sum()) - tp
        P.append(_div(tp, tp + fp))
        R.append(_div(tp, tp + fn))
        F.append(_div(2 * tp, 2 * tp + fp + fn))
        sup.append(tp + fn)
    P, R, F = np.array(P, dtype=float), np.array(R, dtype=float), np.array(F, dtype=float)
    if average is None:
        return P, R, F
    if average == "macro":
        return float(P.mean()), float(R.mean()), float(F.mean())
    if average == "weighted":
        w = np.array(sup, dtype=float)
        tot = w.sum()
        if tot == 0:
            return 0.0, 0.0, 0.0
        return float((P * w).sum() / tot), float((R * w).sum() / tot), float((F * w).sum() / tot)
    if average == "micro":
        tp = int(np.trace(cm))
        pred = int(cm.sum())
        true = int(cm.sum())
        p = _div(tp, pred)
        r = _div(tp, true)
        f = _div(2 * p * r, p + r)
        return float(p), float(r), float(f)
    raise ValueError(average)
