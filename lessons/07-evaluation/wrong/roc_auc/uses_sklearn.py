# expect: scikit-learn
import sklearn.metrics


def roc_curve(y_true, scores):
    return sklearn.metrics.roc_curve(y_true, scores, drop_intermediate=False)


def roc_auc(y_true, scores):
    return float(sklearn.metrics.roc_auc_score(y_true, scores))
