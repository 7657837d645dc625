# variant: np.unique with return_inverse + bincount per distinct score, AUC via np.trapezoid-free vector formula
import numpy as np


def roc_curve(y_true, scores):
    y = np.asarray(y_true).astype(np.int64)
    s = np.asarray(scores, dtype=float)
    uniq, inv = np.unique(s, return_inverse=True)          # increasing
    pos = np.bincount(inv.ravel(), weights=y, minlength=len(uniq))[::-1]
    neg = np.bincount(inv.ravel(), weights=1 - y, minlength=len(uniq))[::-1]
    tp = np.concatenate([[0.0], np.cumsum(pos)])
    fp = np.concatenate([[0.0], np.cumsum(neg)])
    thr = np.concatenate([[np.inf], uniq[::-1]])
    return fp / fp[-1], tp / tp[-1], thr.astype(float)


def roc_auc(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1])) / 2.0)
