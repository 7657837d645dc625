"""Reference solution: batch normalisation over (N, D) in NumPy, with torch's running statistics."""

import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    if training:
        n = x.shape[0]
        mu = x.mean(axis=0)
        var = x.var(axis=0)  # biased: this is what normalises the batch
        unbiased = var * n / (n - 1)  # torch tracks the unbiased estimate
        running_mean = (1 - momentum) * running_mean + momentum * mu
        running_var = (1 - momentum) * running_var + momentum * unbiased
    else:
        mu, var = running_mean, running_var
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    y = gamma * x_hat + beta
    return y, running_mean.copy(), running_var.copy(), (x_hat, gamma, inv_std)


def batchnorm_backward(dy, cache):
    x_hat, gamma, inv_std = cache
    n = dy.shape[0]
    dgamma = (dy * x_hat).sum(axis=0)
    dbeta = dy.sum(axis=0)
    dx_hat = dy * gamma
    # μ and σ² depend on every sample: the two sums carry those paths back.
    dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0))
    return dx, dgamma, dbeta
