# expect: number of NEGATIVES
import numpy as np


def roc_curve(y_true, scores):
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    n = len(y_true)
    tpr = np.array([((scores >= t) & (y_true == 1)).sum() / n for t in thresholds])
    fpr = np.array([((scores >= t) & (y_true == 0)).sum() / n for t in thresholds])
    return fpr, tpr, thresholds


def roc_auc(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.trapezoid(tpr, fpr))

