import numpy as np


def roc_curve(y_true, scores):
    values, inverse = np.unique(scores, return_inverse=True)
    pos_per = np.bincount(inverse, weights=(y_true == 1), minlength=len(values))[::-1]
    neg_per = np.bincount(inverse, weights=(y_true == 0), minlength=len(values))[::-1]
    tp = np.concatenate(([0.0], np.cumsum(pos_per)))
    fp = np.concatenate(([0.0], np.cumsum(neg_per)))
    return fp / fp[-1], tp / tp[-1], np.concatenate(([np.inf], values[::-1]))


def roc_auc(y_true, scores):
    # Mann-Whitney U with average ranks for ties
    values, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    average_rank = ends - (counts - 1) / 2.0
    ranks = average_rank[inverse]
    n_pos = int(np.sum(y_true == 1))
    n_neg = len(y_true) - n_pos
    u = ranks[y_true == 1].sum() - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))
