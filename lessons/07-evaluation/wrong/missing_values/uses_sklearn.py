# expect: scikit-learn
import numpy as np
from sklearn.impute import SimpleImputer


def fit_imputer(X_train):
    return SimpleImputer(keep_empty_features=True).fit(X_train).statistics_


def transform_imputer(fill, X):
    return np.where(np.isnan(X), fill[None, :], X)


def impute_split(X_train, X_test):
    imp = SimpleImputer(keep_empty_features=True).fit(X_train)
    return imp.transform(X_train), imp.transform(X_test)
