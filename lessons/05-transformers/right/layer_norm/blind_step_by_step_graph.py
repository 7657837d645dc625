import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    D = x.shape[-1]
    mu = np.sum(x, axis=-1, keepdims=True) / D
    xc = x - mu
    var = np.sum(xc * xc, axis=-1, keepdims=True) / D
    rstd = (var + eps) ** -0.5
    xh = xc * rstd
    return gamma * xh + beta, (xc, var, rstd, xh, gamma, eps)


def layer_norm_backward(dy, cache):
    xc, var, rstd, xh, gamma, eps = cache
    D = xc.shape[-1]
    axes = tuple(range(dy.ndim - 1))
    dbeta = np.sum(dy, axis=axes)
    dgamma = np.sum(dy * xh, axis=axes)
    dxh = dy * gamma
    drstd = np.sum(dxh * xc, axis=-1, keepdims=True)
    dxc = dxh * rstd
    dvar = drstd * (-0.5) * (var + eps) ** -1.5
    dxc = dxc + dvar * 2.0 * xc / D
    dmu = -np.sum(dxc, axis=-1, keepdims=True)
    dx = dxc + dmu / D
    return dx, dgamma, dbeta
