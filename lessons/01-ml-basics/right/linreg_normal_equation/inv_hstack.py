import numpy as np


def add_bias(X):
    return np.hstack([np.ones((X.shape[0], 1)), X])


def fit_normal_equation(X, y):
    Xb = add_bias(X)
    return np.linalg.inv(Xb.T.dot(Xb)).dot(Xb.T).dot(y)


def predict(X, w):
    return w[0] + X @ w[1:]
