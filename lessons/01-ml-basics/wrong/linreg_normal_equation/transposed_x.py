# expect: the transpose is on the wrong side
import numpy as np


def add_bias(X):
    return np.column_stack([np.ones(len(X)), X])


def fit_normal_equation(X, y):
    Xb = add_bias(X)
    return np.linalg.inv(Xb @ Xb.T) @ Xb @ y


def predict(X, w):
    return add_bias(X) @ w
