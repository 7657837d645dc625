# expect: epsilon


def fit_scaler(X_train):
    # the "add a tiny epsilon" guard: constant pixels get scale 1e-8, not 1
    return X_train.mean(axis=0), X_train.std(axis=0) + 1e-8


def transform(X, mean, scale):
    return (X - mean) / scale


def scale_train_test(X_train, X_test):
    m, s = fit_scaler(X_train)
    return transform(X_train, m, s), transform(X_test, m, s)
