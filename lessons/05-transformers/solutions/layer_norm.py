"""Layer normalisation forward and backward (reference)."""

import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)  # biased: divides by D, like nn.LayerNorm
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, inv_std, gamma)


def layer_norm_backward(dy, cache):
    x_hat, inv_std, gamma = cache
    lead = tuple(range(dy.ndim - 1))
    dbeta = dy.sum(axis=lead)
    dgamma = (dy * x_hat).sum(axis=lead)
    g = dy * gamma  # gradient with respect to x_hat
    # dx = (g - mean(g) - x_hat * mean(g * x_hat)) / std, every mean over the row
    dx = inv_std * (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True))
    return dx, dgamma, dbeta
