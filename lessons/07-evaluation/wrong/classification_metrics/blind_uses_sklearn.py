# expect: uses scikit-learn
# mistake: calls scikit-learn, which the task forbids (NumPy only)
import numpy as np
from sklearn.metrics import confusion_matrix as _cm, precision_recall_fscore_support as _prf


def confusion_matrix(y_true, y_pred, n_classes):
    return _cm(y_true, y_pred, labels=list(range(n_classes))).astype(np.int64)


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    p, r, f, _ = _prf(y_true, y_pred, labels=list(range(n_classes)), average=average, zero_division=0)
    if average is None:
        return p.astype(float), r.astype(float), f.astype(float)
    return float(p), float(r), float(f)
