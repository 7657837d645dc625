"""Confusion matrix, precision, recall and F1 — per class and averaged.

Write these with NumPy only (no scikit-learn): the checker compares your
numbers with scikit-learn's.

Conventions (the same as scikit-learn with labels=range(n_classes), zero_division=0):
* cm[i, j] counts samples whose true class is i and predicted class is j.
* Every class 0..n_classes-1 counts, even one that appears in neither array.
* Any 0/0 gives 0: precision of a class never predicted, recall of a class
  with no true samples, F1 of a class whose precision and recall are both 0.
* average: None (three arrays of shape (n_classes,)), "macro" (plain mean over
  classes; macro F1 = mean of the per-class F1), "weighted" (mean weighted by
  each class's number of true samples), "micro" (pool the counts of all classes).
* Leave the arrays passed in unchanged.

Run `dltutor check classification_metrics` to test your implementation.
"""

import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    """Integer array (n_classes, n_classes); [i, j] = #samples of true class i predicted as j."""
    # TODO: count every (true, predicted) pair.
    raise NotImplementedError


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    """(precision, recall, f1): arrays of shape (n_classes,) for average=None, else three floats."""
    # TODO: per-class numbers from the confusion matrix (0 where a denominator is 0),
    # then the requested average.
    raise NotImplementedError
