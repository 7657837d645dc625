import numpy as np


def confusion_matrix(y_true, y_pred, num_classes):
    flat = np.bincount(num_classes * y_true + y_pred, minlength=num_classes * num_classes)
    return flat.reshape(num_classes, num_classes)


def f1_score(y_true, y_pred):
    cm = confusion_matrix(y_true, y_pred, 2)
    tp, fp, fn = cm[1, 1], cm[0, 1], cm[1, 0]
    return float(2 * tp / (2 * tp + fp + fn)) if tp + fp + fn else 0.0


def macro_f1(y_true, y_pred, num_classes):
    cm = confusion_matrix(y_true, y_pred, num_classes).astype(float)
    tp = np.diag(cm)
    denom = cm.sum(axis=0) + cm.sum(axis=1)  # 2TP + FP + FN per class
    f1 = np.divide(2 * tp, denom, out=np.zeros_like(tp), where=denom > 0)
    return float(f1.mean())
