"""The confusion matrix and the F1 score.

confusion_matrix(y_true, y_pred, num_classes) -> (K, K) integer counts, K = num_classes:
    entry [i, j] counts the samples whose TRUE class is i and whose PREDICTED class is j
    (rows: truth, columns: prediction — scikit-learn's layout). Labels are ints 0..K-1;
    a class may be missing from both arrays and still gets its row and column.
f1_score(y_true, y_pred) -> float, binary labels 0/1 (1 is the positive class):
    the harmonic mean of precision and recall; 0.0 when it is 0/0 (no positives at all).
macro_f1(y_true, y_pred, num_classes) -> float: compute F1 for each class c, treating c
    as positive and every other class as negative, then take the plain mean over all K
    classes (a class that never appears in either array has F1 0.0).

Return plain floats from the last two.

Run `dltutor check confusion_f1` to test your implementation.
"""

import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    """(K, K) integer counts: [i, j] = number of samples of true class i predicted as j."""
    # TODO
    raise NotImplementedError


def f1_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Binary F1 of the positive class 1; 0.0 when there are no positives at all."""
    # TODO: count TP, FP, FN; guard the 0/0 case.
    raise NotImplementedError


def macro_f1(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> float:
    """The mean over all K classes of each class's one-vs-rest F1."""
    # TODO: the confusion matrix holds every count you need.
    raise NotImplementedError
