# expect: add the bias column first
import numpy as np


def add_bias(X):
    return np.column_stack([np.ones(len(X)), X])


def fit_normal_equation(X, y):
    Xb = add_bias(X)
    return np.linalg.solve(Xb.T @ Xb, Xb.T @ y)


def predict(X, w):
    return X @ w
