"""The ROC curve and the area under it, with tied scores.

Write these with NumPy only (no scikit-learn): the checker compares your
results with sklearn.metrics.roc_curve(y_true, scores, drop_intermediate=False)
and sklearn.metrics.roc_auc_score.

* y_true: 0/1 labels, both classes present; scores: real numbers, higher = more positive.
* One ROC point per DISTINCT score, thresholds in decreasing order; a sample is
  predicted positive when score >= threshold. The first point is (0, 0), at
  threshold np.inf (nothing predicted positive).
* fpr = false positives / negatives, tpr = true positives / positives.
* The AUC is the trapezoid area under that curve.
* Leave the arrays passed in unchanged (work on copies).

Run `dltutor check roc_auc` to test your implementation.
"""

import numpy as np


def roc_curve(y_true, scores):
    """(fpr, tpr, thresholds): float arrays of length (number of distinct scores + 1)."""
    # TODO: sort by decreasing score, count true/false positives, one point per distinct score.
    raise NotImplementedError


def roc_auc(y_true, scores):
    """Area under the ROC curve (trapezoid rule), a float."""
    # TODO
    raise NotImplementedError
