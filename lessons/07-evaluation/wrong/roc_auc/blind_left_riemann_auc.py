# expect: ties count as nothing
# mistake: AUC by a left Riemann sum (rectangles under the lower edge), tied pairs count 0
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
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum((fpr[1:] - fpr[:-1]) * tpr[:-1]))
