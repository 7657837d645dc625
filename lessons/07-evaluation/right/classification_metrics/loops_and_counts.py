def confusion_matrix(y_true, y_pred, n_classes):
    import numpy as np
    cm = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        cm[t][p] += 1
    return cm


def _div(a, b):
    return a / b if b else 0.0


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    import numpy as np
    cm = confusion_matrix(y_true, y_pred, n_classes)
    P, R, F, S = [], [], [], []
    for c in range(n_classes):
        tp = cm[c, c]
        fp = cm[:, c].sum() - tp
        fn = cm[c, :].sum() - tp
        P.append(_div(tp, tp + fp))
        R.append(_div(tp, tp + fn))
        F.append(_div(2 * tp, 2 * tp + fp + fn))
        S.append(cm[c, :].sum())
    if average is None:
        return np.array(P), np.array(R), np.array(F)
    if average == "macro":
        return sum(P) / n_classes, sum(R) / n_classes, sum(F) / n_classes
    if average == "weighted":
        n = sum(S)
        return (sum(p * s for p, s in zip(P, S)) / n, sum(r * s for r, s in zip(R, S)) / n,
                sum(f * s for f, s in zip(F, S)) / n)
    tp = np.trace(cm)
    acc = tp / cm.sum()
    return float(acc), float(acc), float(acc)
