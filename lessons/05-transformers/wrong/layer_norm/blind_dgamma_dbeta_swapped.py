# mistake: returns dgamma and dbeta swapped
# expect: dgamma is wrong
# expect: dgamma and dbeta are swapped
import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    inv = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv
    y = x_hat * gamma + beta
    return y, (x_hat, inv, gamma)


def layer_norm_backward(dy, cache):
    x_hat, inv, gamma = cache
    axes = tuple(range(dy.ndim - 1))
    dbeta = dy.sum(axis=axes)
    dgamma = (dy * x_hat).sum(axis=axes)
    g = dy * gamma
    dx = (g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True)) * inv
    return dx, dbeta, dgamma
