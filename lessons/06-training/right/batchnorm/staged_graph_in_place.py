"""Batch norm with the backward pass walked node by node through the computational graph."""

import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    if not training:
        y = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
        return y, running_mean, running_var, None
    n = len(x)
    mu = np.mean(x, axis=0)
    xc = x - mu
    var = np.mean(xc ** 2, axis=0)
    std = np.sqrt(var + eps)
    xn = xc / std
    running_mean *= 1 - momentum           # the running buffers are updated in place, like torch's
    running_mean += momentum * mu
    running_var *= 1 - momentum
    running_var += momentum * np.sum(xc ** 2, axis=0) / (n - 1)
    return gamma * xn + beta, running_mean, running_var, {"xc": xc, "std": std, "xn": xn, "gamma": gamma}


def batchnorm_backward(dy, cache):
    xc, std, xn, gamma = cache["xc"], cache["std"], cache["xn"], cache["gamma"]
    n = dy.shape[0]
    dbeta = np.sum(dy, axis=0)
    dgamma = np.sum(dy * xn, axis=0)
    dxn = dy * gamma
    dxc = dxn / std
    dstd = -np.sum(dxn * xc, axis=0) / std ** 2
    dvar = dstd / (2 * std)
    dxc += 2 * xc * dvar / n
    dmu = -np.sum(dxc, axis=0)
    dx = dxc + dmu / n
    return dx, dgamma, dbeta
