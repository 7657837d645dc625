import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    xc = x - x.mean(-1, keepdims=True)
    rstd = 1 / np.sqrt((xc ** 2).mean(-1, keepdims=True) + eps)
    xn = xc * rstd
    return xn * gamma + beta, (xn, rstd, gamma)


def layer_norm_backward(dy, cache):
    xn, rstd, gamma = cache
    d = xn.shape[-1]
    g = dy * gamma
    dx = rstd / d * (d * g - g.sum(-1, keepdims=True) - xn * (g * xn).sum(-1, keepdims=True))
    return dx, (dy * xn).reshape(-1, d).sum(0), dy.reshape(-1, d).sum(0)
