# expect: one point per SAMPLE
import numpy as np


def roc_curve(y_true, scores):
    order = np.argsort(-scores)
    y = y_true[order]
    tp = np.concatenate([[0], np.cumsum(y)])
    fp = np.concatenate([[0], np.cumsum(1 - y)])
    thr = np.concatenate([[np.inf], scores[order]])
    return fp / fp[-1], tp / tp[-1], thr


def roc_auc(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.trapezoid(tpr, fpr))

