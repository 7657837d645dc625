# variant: explicit Python loop over distinct scores (grouped with a dict), AUC by an explicit trapezoid loop
import numpy as np


def roc_curve(y_true, scores):
    y = np.asarray(y_true).astype(int).tolist()
    s = np.asarray(scores, dtype=float).tolist()
    groups = {}
    for yi, si in zip(y, s):
        g = groups.setdefault(si, [0, 0])
        g[yi] += 1  # g[0] negatives, g[1] positives
    P = sum(y)
    N = len(y) - P
    fpr, tpr, thr = [0.0], [0.0], [np.inf]
    tp = fp = 0
    for score in sorted(groups, reverse=True):
        fp += groups[score][0]
        tp += groups[score][1]
        fpr.append(fp / N)
        tpr.append(tp / P)
        thr.append(score)
    return np.array(fpr, dtype=float), np.array(tpr, dtype=float), np.array(thr, dtype=float)


def roc_auc(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    area = 0.0
    for i in range(1, len(fpr)):
        area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2.0
    return float(area)
