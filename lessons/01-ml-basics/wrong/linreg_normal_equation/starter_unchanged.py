# expect: not implemented
def add_bias(X):
    raise NotImplementedError


def fit_normal_equation(X, y):
    raise NotImplementedError


def predict(X, w):
    raise NotImplementedError
