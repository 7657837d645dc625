import numpy as np


def fit_scaler(X_train):
    mean = np.mean(X_train, axis=0)
    std = np.std(X_train, axis=0)
    std[np.ptp(X_train, axis=0) == 0] = 1.0  # constant columns: their computed std may be 1e-17, not 0
    return mean, std


def transform(X, mean, scale):
    return (X - mean[np.newaxis, :]) / scale[np.newaxis, :]


def scale_train_test(X_train, X_test):
    mean, scale = fit_scaler(X_train)
    return transform(X_train, mean, scale), transform(X_test, mean, scale)
