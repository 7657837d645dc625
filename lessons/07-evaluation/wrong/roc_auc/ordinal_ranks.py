# expect: AVERAGE of their ranks
import numpy as np


def roc_curve(y_true, scores):
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    P, N = y_true.sum(), (1 - y_true).sum()
    tpr = np.array([((scores >= t) & (y_true == 1)).sum() / P for t in thresholds])
    fpr = np.array([((scores >= t) & (y_true == 0)).sum() / N for t in thresholds])
    return fpr, tpr, thresholds


def roc_auc(y_true, scores):
    # Mann-Whitney U with ranks from a double argsort: ties get arbitrary consecutive ranks
    ranks = np.argsort(np.argsort(scores, kind="stable"), kind="stable") + 1
    P = y_true.sum()
    N = len(y_true) - P
    U = ranks[y_true == 1].sum() - P * (P + 1) / 2
    return float(U / (P * N))
