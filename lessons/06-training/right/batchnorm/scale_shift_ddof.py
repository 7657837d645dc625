"""Batch norm as one affine map per feature (scale, shift), with np.var's ddof for the running estimate."""

import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0, ddof=0)
        new_mean = running_mean + momentum * (mean - running_mean)
        new_var = running_var + momentum * (x.var(axis=0, ddof=1) - running_var)
    else:
        mean, var = running_mean, running_var
        new_mean, new_var = np.array(running_mean), np.array(running_var)
    rstd = (var + eps) ** -0.5
    scale = gamma * rstd
    y = x * scale + (beta - mean * scale)
    x_hat = (x - mean) * rstd
    return y, new_mean, new_var, (x_hat, scale)


def batchnorm_backward(dy, cache):
    x_hat, scale = cache
    dbeta = dy.sum(axis=0)
    dgamma = np.einsum("nd,nd->d", dy, x_hat)
    dx = scale * (dy - dbeta / len(dy) - x_hat * dgamma / len(dy))
    return dx, dgamma, dbeta
