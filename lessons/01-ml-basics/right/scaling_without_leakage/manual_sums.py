import numpy as np


def fit_scaler(X_train):
    n = X_train.shape[0]
    mean = X_train.sum(axis=0) / n
    var = ((X_train - mean) ** 2).sum(axis=0) / n
    scale = np.sqrt(var)
    return mean, np.where(scale < 1e-12, 1.0, scale)


def transform(X, mean, scale):
    Z = X.astype(np.float64)
    Z = Z - mean
    Z = Z / scale
    return Z


def scale_train_test(X_train, X_test):
    stats = fit_scaler(X_train)
    return tuple(transform(part, *stats) for part in (X_train, X_test))
