# expect: summed over the features
# mistake: dgamma/dbeta summed over the wrong axis (axis=1)
import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=np.float64)
    if training:
        n = x.shape[0]
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        inv_std = 1.0 / np.sqrt(var + eps)
        x_hat = (x - mu) * inv_std
        y = gamma * x_hat + beta
        new_rm = (1 - momentum) * running_mean + momentum * mu
        new_rv = (1 - momentum) * running_var + momentum * var * n / (n - 1)
        cache = (x_hat, gamma, inv_std)
        return y, new_rm, new_rv, cache
    y = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
    return y, running_mean.copy(), running_var.copy(), None


def batchnorm_backward(dy, cache):
    x_hat, gamma, inv_std = cache
    n = dy.shape[0]
    dbeta = dy.sum(axis=1)
    dgamma = (dy * x_hat).sum(axis=1)
    dxh = dy * gamma
    dx = inv_std / n * (n * dxh - dxh.sum(axis=0) - x_hat * (dxh * x_hat).sum(axis=0))
    return dx, dgamma, dbeta
