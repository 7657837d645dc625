import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    if not training:
        xhat = (x - running_mean) / np.sqrt(running_var + eps)
        return gamma * xhat + beta, np.array(running_mean, copy=True), np.array(running_var, copy=True), None
    N = x.shape[0]
    mu = np.sum(x, axis=0) / N
    xmu = x - mu
    sq = xmu ** 2
    var = np.sum(sq, axis=0) / N
    sqrtvar = np.sqrt(var + eps)
    ivar = 1.0 / sqrtvar
    xhat = xmu * ivar
    out = gamma * xhat + beta
    rm = running_mean + momentum * (mu - running_mean)
    rv = running_var + momentum * (np.sum(sq, axis=0) / (N - 1) - running_var)
    return out, rm, rv, (xhat, gamma, xmu, ivar, sqrtvar, var, eps)


def batchnorm_backward(dy, cache):
    xhat, gamma, xmu, ivar, sqrtvar, var, eps = cache
    N = dy.shape[0]
    dbeta = np.sum(dy, axis=0)
    dgamma = np.sum(dy * xhat, axis=0)
    dxhat = dy * gamma
    divar = np.sum(dxhat * xmu, axis=0)
    dxmu1 = dxhat * ivar
    dsqrtvar = -1.0 / (sqrtvar ** 2) * divar
    dvar = 0.5 / np.sqrt(var + eps) * dsqrtvar
    dsq = np.ones_like(dy) / N * dvar
    dxmu2 = 2 * xmu * dsq
    dx1 = dxmu1 + dxmu2
    dmu = -np.sum(dx1, axis=0)
    dx2 = np.ones_like(dy) / N * dmu
    return dx1 + dx2, dgamma, dbeta
