# expect: AVERAGE of their ranks
# mistake: Mann-Whitney AUC with ordinal ranks: tied scores are not given their average rank
import numpy as np


def roc_curve(y_true, scores):
    y_true = np.asarray(y_true)
    scores = np.asarray(scores, dtype=float)
    order = np.argsort(-scores, kind="stable")
    s = scores[order]
    y = y_true[order].astype(float)
    last = np.r_[np.flatnonzero(np.diff(s)), len(s) - 1]
    tp = np.r_[0, np.cumsum(y)[last]]
    fp = np.r_[0, np.cumsum(1 - y)[last]]
    P = y.sum()
    N = len(y) - P
    fpr = fp / N
    tpr = tp / P
    thresholds = np.r_[np.inf, s[last]]
    return fpr, tpr, thresholds


def roc_auc(y_true, scores):
    y = np.asarray(y_true).astype(int)
    s = np.asarray(scores, dtype=float)
    ranks = np.empty(len(s))
    ranks[np.argsort(s)] = np.arange(1, len(s) + 1)
    P = y.sum()
    N = len(y) - P
    return float((ranks[y == 1].sum() - P * (P + 1) / 2) / (P * N))
