import numpy as np


def add_bias(X):
    return np.insert(X, 0, 1.0, axis=1)


def fit_normal_equation(X, y):
    Xb = add_bias(X)
    w, *_ = np.linalg.lstsq(Xb, y, rcond=None)
    return w


def predict(X, w):
    return np.dot(add_bias(X), w)
