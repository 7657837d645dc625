# expect: fitted on training *and* test rows together
# The most common leak: scale the whole data set, then split.
import numpy as np


def fit_scaler(X_train):
    sd = X_train.std(axis=0)
    return X_train.mean(axis=0), np.where(sd > 0, sd, 1.0)


def transform(X, mean, scale):
    return (X - mean) / scale


def scale_train_test(X_train, X_test):
    m, s = fit_scaler(np.vstack([X_train, X_test]))
    return transform(X_train, m, s), transform(X_test, m, s)
