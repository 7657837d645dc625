# expect: ties count as nothing
import numpy as np


def roc_curve(y_true, scores):
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    P, N = y_true.sum(), (1 - y_true).sum()
    tpr = np.array([((scores >= t) & (y_true == 1)).sum() / P for t in thresholds])
    fpr = np.array([((scores >= t) & (y_true == 0)).sum() / N for t in thresholds])
    return fpr, tpr, thresholds


def roc_auc(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * tpr[:-1]))  # left Riemann sum
