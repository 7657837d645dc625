"""Random search over the learning rate and the width, chosen on the validation split.

random_search(data, train, n_trials, seed=0) -> (results, best, test_accuracy)

* data.train, data.val, data.test are (X, y) pairs.
* Each trial: lr drawn LOG-uniformly from [1e-4, 1e-1], width uniformly from WIDTHS;
  model = train(X_train, y_train, lr=lr, width=width) on data.train;
  its validation accuracy: model.accuracy(X_val, y_val) on data.val.
* results: one dict per trial, in order: {"lr": float, "width": int, "val_accuracy": float}.
* best: the results entry with the highest val_accuracy (the first one on ties).
* test_accuracy: the best model's accuracy on data.test — read data.test once, after the
  search, and evaluate only that model on it.

Run `dltutor check hyperparameter_search` to test your implementation.
"""

import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    """(results, best, test_accuracy)."""
    # TODO: n_trials random configurations, each trained on train and scored on val;
    # pick the best by validation accuracy; one test evaluation of that model.
    raise NotImplementedError
