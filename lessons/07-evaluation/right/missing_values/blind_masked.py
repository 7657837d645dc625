# variant: numpy masked arrays for the mean, boolean-mask assignment on a copy for the fill
import numpy as np


def fit_imputer(X_train):
    X = np.asarray(X_train, dtype=float)
    m = np.ma.masked_invalid(X)
    mean = m.mean(axis=0)
    return np.ma.filled(mean.astype(float), 0.0).astype(float).reshape(X.shape[1])


def transform_imputer(fill, X):
    out = np.array(X, dtype=float, copy=True)
    mask = np.isnan(out)
    out[mask] = np.broadcast_to(np.asarray(fill, dtype=float), out.shape)[mask]
    return out


def impute_split(X_train, X_test):
    fill = fit_imputer(X_train)
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
