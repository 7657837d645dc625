# expect: a column of seven 0.1s
import numpy as np


def fit_scaler(X_train):
    X_train = np.asarray(X_train, dtype=float)
    n = X_train.shape[0]
    mean = X_train.sum(axis=0) / n
    var = ((X_train - mean) ** 2).sum(axis=0) / n
    scale = np.ones_like(var)
    nz = var > 0
    scale[nz] = np.sqrt(var[nz])
    return mean, scale


def transform(X, mean, scale):
    return np.divide(np.subtract(X, mean), scale)


def scale_train_test(X_train, X_test):
    stats = fit_scaler(X_train)
    return tuple(transform(part, *stats) for part in (X_train, X_test))
