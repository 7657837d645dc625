"""Expected calibration error (ECE) and temperature scaling.

expected_calibration_error(probs, labels, n_bins=15) -> float
* probs: (n, C) rows of probabilities; labels: (n,) integer classes.
* confidence = the largest probability of a row; correct = (its argmax == label).
* bin b (0 <= b < n_bins) holds the confidences in (b/n_bins, (b+1)/n_bins].
* ECE = sum over NON-EMPTY bins of (samples in the bin / n) * |accuracy in the bin - mean confidence in the bin|.

fit_temperature(logits, labels) -> float
* the temperature T > 0 minimising the mean cross-entropy of softmax(logits / T) on these
  (validation) logits — within 1% of the best T. NumPy only.
* the logits can be large (tens, as an overconfident network's are): compute the softmax stably.

Run `dltutor check calibration` to test your implementation.
"""

import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    """The weighted mean gap between confidence and accuracy over equal-width bins."""
    # TODO
    raise NotImplementedError


def fit_temperature(logits, labels):
    """The T > 0 with the lowest mean cross-entropy of softmax(logits / T)."""
    # TODO: minimise the loss over T (over log T keeps it positive).
    raise NotImplementedError
