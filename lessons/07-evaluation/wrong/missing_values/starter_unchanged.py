# expect: not implemented
def fit_imputer(X_train):
    raise NotImplementedError


def transform_imputer(fill, X):
    raise NotImplementedError


def impute_split(X_train, X_test):
    raise NotImplementedError
