# expect: have scale 0
import numpy as np


def fit_scaler(X_train):
    return X_train.mean(axis=0), X_train.std(axis=0)


def transform(X, mean, scale):
    return (X - mean) / scale


def scale_train_test(X_train, X_test):
    m, s = fit_scaler(X_train)
    return transform(X_train, m, s), transform(X_test, m, s)
