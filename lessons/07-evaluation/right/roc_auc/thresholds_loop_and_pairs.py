import numpy as np


def roc_curve(y_true, scores):
    y_true = np.asarray(y_true)
    scores = np.asarray(scores, dtype=float)
    thresholds = [np.inf] + sorted(set(scores.tolist()), reverse=True)
    pos = y_true == 1
    fpr, tpr = [], []
    for thr in thresholds:
        predicted = scores >= thr
        tpr.append((predicted & pos).sum() / pos.sum())
        fpr.append((predicted & ~pos).sum() / (~pos).sum())
    return np.array(fpr, dtype=float), np.array(tpr, dtype=float), np.array(thresholds, dtype=float)


def roc_auc(y_true, scores):
    # the probability that a random positive outranks a random negative, ties counting one half
    pos = scores[y_true == 1][:, None]
    neg = scores[y_true == 0][None, :]
    return float(np.mean((pos > neg) + 0.5 * (pos == neg)))
