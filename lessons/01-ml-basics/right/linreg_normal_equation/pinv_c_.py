import numpy as np


def add_bias(X):
    return np.c_[np.ones(len(X)), X]


def fit_normal_equation(X, y):
    Xb = add_bias(X)
    # column vector in, flat vector out
    w = np.linalg.pinv(Xb) @ y.reshape(-1, 1)
    return w.ravel()


def predict(X, w):
    return add_bias(X) @ w
