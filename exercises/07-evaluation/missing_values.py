"""Mean imputation, fitted on the training rows only.

Write these with NumPy only (no scikit-learn); the checker compares them with
SimpleImputer(strategy="mean", keep_empty_features=True).

fit_imputer(X_train) -> float array (d,)
    each column's mean over its observed (non-NaN) entries; 0.0 for a column with none.
transform_imputer(fill, X) -> a NEW array
    X with every NaN in column j replaced by fill[j]; X itself stays unchanged.
impute_split(X_train, X_test) -> (X_train_filled, X_test_filled)
    both filled with the values fitted on X_train ALONE.

Run `dltutor check missing_values` to test your implementation.
"""

import numpy as np


def fit_imputer(X_train):
    """Per-column means of the observed entries (0.0 where a column has none)."""
    # TODO
    raise NotImplementedError


def transform_imputer(fill, X):
    """A copy of X with the NaNs of column j replaced by fill[j]."""
    # TODO
    raise NotImplementedError


def impute_split(X_train, X_test):
    """Fill both splits with what was learned from the training rows."""
    # TODO
    raise NotImplementedError
