# expect: DECREASING
import numpy as np


def roc_curve(y_true, scores):
    thresholds = np.unique(scores)  # increasing
    P, N = y_true.sum(), (1 - y_true).sum()
    tpr = np.array([((scores >= t) & (y_true == 1)).sum() / P for t in thresholds] + [0.0])
    fpr = np.array([((scores >= t) & (y_true == 0)).sum() / N for t in thresholds] + [0.0])
    return fpr, tpr, np.r_[thresholds, np.inf]


def roc_auc(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.trapezoid(tpr, fpr))

