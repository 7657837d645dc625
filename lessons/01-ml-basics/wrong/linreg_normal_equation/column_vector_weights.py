# expect: return a flat vector
import numpy as np


def add_bias(X):
    return np.column_stack([np.ones(len(X)), X])


def fit_normal_equation(X, y):
    Xb = add_bias(X)
    Y = y.reshape(-1, 1)
    return np.linalg.solve(Xb.T @ Xb, Xb.T @ Y)


def predict(X, w):
    return add_bias(X) @ w
