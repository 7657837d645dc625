import numpy as np


class MeanImputer:
    def fit(self, X):
        self.fill_ = []
        for column in X.T:
            seen = column[~np.isnan(column)]
            self.fill_.append(seen.mean() if seen.size else 0.0)
        self.fill_ = np.array(self.fill_, dtype=float)
        return self

    def transform(self, X):
        X = X.copy()
        for j in range(X.shape[1]):
            X[np.isnan(X[:, j]), j] = self.fill_[j]
        return X


def fit_imputer(X_train):
    return MeanImputer().fit(X_train).fill_


def transform_imputer(fill, X):
    imputer = MeanImputer()
    imputer.fill_ = np.asarray(fill, dtype=float)
    return imputer.transform(X)


def impute_split(X_train, X_test):
    imputer = MeanImputer().fit(X_train)
    return imputer.transform(X_train), imputer.transform(X_test)
