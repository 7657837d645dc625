# expect: not implemented
def balanced_accuracy(y_true, y_pred):
    raise NotImplementedError


def class_weights(y):
    raise NotImplementedError


def fit_balanced(X, y, steps=500, lr=0.5):
    raise NotImplementedError
