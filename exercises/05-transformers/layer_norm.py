"""Layer normalisation, forward and backward, in NumPy.

x is (..., D); every row (the last axis) is normalised on its own:
    mu    = mean of the row,  var = mean of (x - mu)²   (the BIASED variance, divide by D)
    x_hat = (x - mu) / sqrt(var + eps)
    y     = gamma * x_hat + beta                        gamma, beta: (D,)

layer_norm_forward returns (y, cache) — cache is anything your backward needs.
layer_norm_backward(dy, cache) returns (dx, dgamma, dbeta): dx has x's shape, dgamma and dbeta
are (D,), summed over every leading axis. Do not modify the inputs. NumPy only.
Run `dltutor check layer_norm`.
"""

import numpy as np


def layer_norm_forward(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5):
    # TODO: mean and biased variance over the last axis (keepdims=True), x_hat, y; keep a cache.
    raise NotImplementedError


def layer_norm_backward(dy: np.ndarray, cache):
    # TODO: dbeta and dgamma sum over every axis but the last.
    # TODO: dx: x_hat depends on x directly AND through the mean and the variance of its row.
    raise NotImplementedError
