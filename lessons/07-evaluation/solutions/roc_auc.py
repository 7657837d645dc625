"""Reference solution: ROC curve (ties grouped into one point) and the trapezoid AUC."""

import numpy as np


def roc_curve(y_true, scores):
    y = np.asarray(y_true, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    # the last index of each run of equal scores: a threshold can only cut between distinct scores
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    tp = np.r_[0.0, np.cumsum(y)[last]]
    fp = np.r_[0.0, np.cumsum(1.0 - y)[last]]
    thresholds = np.r_[np.inf, s[last]]
    return fp / fp[-1], tp / tp[-1], thresholds


def roc_auc(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
