import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    d = x.shape[-1]
    mu = np.sum(x, axis=-1, keepdims=True) / d
    xc = x - mu
    var = np.sum(xc * xc, axis=-1, keepdims=True) / d
    inv = (var + eps) ** -0.5
    y = xc * inv * gamma + beta
    return y, {"xc": xc, "var": var, "inv": inv, "gamma": gamma, "eps": eps}


def layer_norm_backward(dy, c):
    # Step by step through the graph: xc, var, inv, x_hat, y.
    d = dy.shape[-1]
    xc, inv, gamma = c["xc"], c["inv"], c["gamma"]
    flat = dy.reshape(-1, d)
    dbeta = flat.sum(axis=0)
    dgamma = (flat * (xc * inv).reshape(-1, d)).sum(axis=0)
    dxhat = dy * gamma
    dinv = np.sum(dxhat * xc, axis=-1, keepdims=True)
    dvar = dinv * -0.5 * (c["var"] + c["eps"]) ** -1.5
    dxc = dxhat * inv + dvar * 2 * xc / d
    dx = dxc - np.sum(dxc, axis=-1, keepdims=True) / d
    return dx, dgamma, dbeta
