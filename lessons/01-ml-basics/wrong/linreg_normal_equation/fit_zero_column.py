# expect: singular
# expect: The bias column must be ones
import numpy as np


def add_bias(X):
    return np.column_stack([np.ones(len(X)), X])


def fit_normal_equation(X, y):
    # builds its own design matrix, with a typo: zeros instead of ones
    Xb = np.hstack([np.zeros((X.shape[0], 1)), X])
    return np.linalg.inv(Xb.T @ Xb) @ Xb.T @ y


def predict(X, w):
    return add_bias(X) @ w
