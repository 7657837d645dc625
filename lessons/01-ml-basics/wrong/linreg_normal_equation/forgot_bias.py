# expect: the bias is missing
# The line through the origin: fit on X, not on add_bias(X).
import numpy as np


def add_bias(X):
    return np.column_stack([np.ones(len(X)), X])


def fit_normal_equation(X, y):
    return np.linalg.inv(X.T @ X) @ X.T @ y


def predict(X, w):
    return add_bias(X) @ w
