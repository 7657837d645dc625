"""The perceptron learning rule — and the problem it cannot learn.

perceptron_train(X, y, epochs=100, lr=1.0) -> (w, b, errors)
    X (n, d) floats, y (n,) labels 0/1. Start from w = zeros(d), b = 0.0. One epoch visits
    the samples in the given order, i = 0, 1, ..., n-1; for each one predict with the step
        y_hat = 1 if X[i] · w + b > 0 else 0        (strictly greater, as in `perceptron`)
    and, only if y_hat is wrong, nudge the weights towards the right answer (the rule is in
    the lesson). errors is the list of how many samples were misclassified in each epoch.
    Stop after the first epoch with no mistake (its 0 is the last entry of errors), or
    after `epochs` epochs. Return w as a float array (d,), b as a float, errors as a list.

xor_lift(X) -> X2: the four XOR inputs X (4, 2) of 0s and 1s, with extra feature columns
    of your choice appended (X2 has shape (4, 2 + k), k >= 1, its first two columns X), so
    that the perceptron CAN learn XOR from X2.

NumPy only. Run `dltutor check perceptron_learning` to test your implementation.
"""

import numpy as np


def perceptron_train(X: np.ndarray, y: np.ndarray, epochs: int = 100, lr: float = 1.0):
    """Rosenblatt's rule from zero weights; returns (w, b, errors per epoch)."""
    # TODO: loop over epochs and, inside, over the samples in order; update only on a mistake.
    raise NotImplementedError


def xor_lift(X: np.ndarray) -> np.ndarray:
    """X (4, 2) with extra feature columns appended, so that XOR becomes linearly separable."""
    # TODO: which single feature of (x1, x2) tells XOR's two classes apart with a straight cut?
    raise NotImplementedError
