import numpy as np


def dense_forward(x, W, b):
    N = x.shape[0]
    out = x.reshape(N, -1).dot(W) + b
    cache = (x, W, b)
    return out, cache


def dense_backward(dout, cache):
    x, w, b = cache
    N = x.shape[0]
    dx = dout.dot(w.T).reshape(x.shape)
    dw = x.reshape(N, -1).T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dw, db
