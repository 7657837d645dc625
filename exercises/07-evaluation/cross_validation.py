"""Stratified k-fold cross-validation, with the preprocessing fitted inside each fold.

Write these with NumPy only (no scikit-learn).

stratified_kfold(y, k, seed=0) -> list of k pairs (train_idx, val_idx), integer arrays:
* every sample index appears in exactly one val_idx; train_idx holds all the others;
* within each class, the number of that class's samples in the k folds differs by at most one.

cross_validate(X, y, k, make_scaler, make_model, seed=0) -> float array (k,):
for each fold, fit a NEW scaler (make_scaler()) on the fold's training rows only, transform the
training and validation rows with it, fit a NEW model (make_model()) on the scaled training rows,
and record model.score(scaled validation rows, their labels).

A scaler has .fit(X) (returns itself), .transform(X), .fit_transform(X);
a model has .fit(X, y), .score(X, y) (accuracy) and .predict(X).

Run `dltutor check cross_validation` to test your implementation.
"""

import numpy as np


def stratified_kfold(y, k, seed=0):
    """k (train_idx, val_idx) pairs; each class spread evenly over the folds."""
    # TODO: split the indices of each class separately over the k folds.
    raise NotImplementedError


def cross_validate(X, y, k, make_scaler, make_model, seed=0):
    """Validation scores of the k folds; the scaler never sees a fold's validation rows."""
    # TODO: for each fold: a fresh scaler fitted on the training rows, a fresh model, one score.
    raise NotImplementedError
