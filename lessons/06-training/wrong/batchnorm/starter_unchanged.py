# expect: not implemented
"""Batch normalisation, forward and backward, in NumPy.

Training mode normalises each feature with the batch's mean and (biased) variance and updates the
running statistics the way torch.nn.BatchNorm1d does; evaluation mode normalises with the running
statistics. The backward pass must remember that the mean and variance depend on every sample.

Run `dltutor check batchnorm` to test your implementation.
"""

import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    """x: (N, D); gamma, beta, running_mean, running_var: (D,).

    Returns (y, new_running_mean, new_running_var, cache).
    """
    # TODO: training: batch statistics, update the running ones; eval: use the running ones
    raise NotImplementedError


def batchnorm_backward(dy, cache):
    """dy: (N, D), cache from batchnorm_forward in training mode. Returns (dx, dgamma, dbeta)."""
    # TODO
    raise NotImplementedError
