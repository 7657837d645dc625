import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    shape = x.shape
    X = np.asarray(x, dtype=float).reshape(-1, shape[-1])
    mu = X.sum(axis=1, keepdims=True) / X.shape[1]
    xc = X - mu
    var = (xc ** 2).sum(axis=1, keepdims=True) / X.shape[1]
    std = np.sqrt(var + eps)
    xh = xc / std
    y = (xh * gamma + beta).reshape(shape)
    return y, {"xh": xh, "std": std, "gamma": np.asarray(gamma), "shape": shape}


def layer_norm_backward(dy, cache):
    xh, std, gamma, shape = cache["xh"], cache["std"], cache["gamma"], cache["shape"]
    DY = np.asarray(dy, dtype=float).reshape(-1, shape[-1])
    N = DY.shape[1]
    dbeta = DY.sum(axis=0)
    dgamma = (DY * xh).sum(axis=0)
    g = DY * gamma
    dx = (N * g - g.sum(axis=1, keepdims=True) - xh * (g * xh).sum(axis=1, keepdims=True)) / (N * std)
    return dx.reshape(shape), dgamma, dbeta
