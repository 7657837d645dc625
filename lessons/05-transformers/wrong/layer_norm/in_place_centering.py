# expect: modified an array
import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    x -= x.mean(axis=-1, keepdims=True)
    std = np.sqrt((x ** 2).mean(axis=-1, keepdims=True) + eps)
    x_hat = x / std
    return gamma * x_hat + beta, (x_hat, std, gamma)


def layer_norm_backward(dy, cache):
    x_hat, std, gamma = cache
    axes = tuple(range(dy.ndim - 1))
    g = dy * gamma
    dx = (g - g.mean(-1, keepdims=True) - x_hat * (g * x_hat).mean(-1, keepdims=True)) / std
    return dx, (dy * x_hat).sum(axis=axes), dy.sum(axis=axes)
