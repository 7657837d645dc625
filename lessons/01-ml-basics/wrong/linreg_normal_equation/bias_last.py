# expect: ones went in the last column
import numpy as np


def add_bias(X):
    return np.hstack([X, np.ones((X.shape[0], 1))])


def fit_normal_equation(X, y):
    Xb = add_bias(X)
    return np.linalg.solve(Xb.T @ Xb, Xb.T @ y)


def predict(X, w):
    return add_bias(X) @ w
