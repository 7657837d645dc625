# expect: all K classes
"""Reference solution: the confusion matrix, binary F1 and macro F1."""

import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    """(K, K) integer counts: [i, j] = number of samples of true class i predicted as j."""
    cm = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)  # add.at counts repeated (i, j) pairs; cm[i, j] += 1 would not
    return cm


def _f1_from_counts(tp: int, fp: int, fn: int) -> float:
    denominator = 2 * tp + fp + fn  # 2TP / (2TP + FP + FN) is 2PR / (P + R) without the two divisions
    return float(2 * tp / denominator) if denominator > 0 else 0.0


def f1_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Binary F1 of the positive class 1; 0.0 when there are no positives at all."""
    tp = int(np.sum((y_pred == 1) & (y_true == 1)))
    fp = int(np.sum((y_pred == 1) & (y_true == 0)))
    fn = int(np.sum((y_pred == 0) & (y_true == 1)))
    return _f1_from_counts(tp, fp, fn)


def macro_f1(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> float:
    """The mean over all K classes of each class's one-vs-rest F1."""
    cm = confusion_matrix(y_true, y_pred, num_classes)
    tp = np.diag(cm)
    fp = cm.sum(axis=0) - tp  # predicted c, truly something else: the rest of column c
    fn = cm.sum(axis=1) - tp  # truly c, predicted something else: the rest of row c
    scores = [_f1_from_counts(int(a), int(b), int(c)) for a, b, c in zip(tp, fp, fn, strict=True) if a + b + c > 0]
    return float(np.mean(scores))
