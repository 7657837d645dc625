import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    x = np.array(x, dtype=np.float64)          # private copy
    N, D = x.shape
    if training:
        ones = np.ones(N)
        mean = np.einsum('n,nd->d', ones, x) / N
        c = x - mean
        ss = np.einsum('nd,nd->d', c, c)
        var_b = ss / N
        var_u = ss / (N - 1)
        rstd = (var_b + eps) ** -0.5
        xh = np.empty_like(x)
        for d in range(D):
            xh[:, d] = c[:, d] * rstd[d]
        y = xh * gamma + beta
        new_m = momentum * mean + (1.0 - momentum) * np.asarray(running_mean, dtype=np.float64)
        new_v = momentum * var_u + (1.0 - momentum) * np.asarray(running_var, dtype=np.float64)
        return y, new_m, new_v, {"xh": xh, "gamma": gamma, "rstd": rstd}
    rstd = (np.asarray(running_var) + eps) ** -0.5
    y = (x - running_mean) * rstd * gamma + beta
    return y, running_mean, running_var, None


def batchnorm_backward(dy, cache):
    xh, gamma, rstd = cache["xh"], cache["gamma"], cache["rstd"]
    N = dy.shape[0]
    dbeta = np.einsum('nd->d', dy)
    dgamma = np.einsum('nd,nd->d', dy, xh)
    g = dy * gamma
    dx = rstd * (g - g.mean(axis=0) - xh * (g * xh).mean(axis=0))
    return dx, dgamma, dbeta
