# expect: not implemented
def roc_curve(y_true, scores):
    raise NotImplementedError


def roc_auc(y_true, scores):
    raise NotImplementedError
