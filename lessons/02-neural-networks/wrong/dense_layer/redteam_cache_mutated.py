# expect: dense_forward changed the x it was given
import numpy as np


def dense_forward(x, W, b):
    out = x @ W
    out += b
    x *= 1.0
    x -= x.mean(axis=0)
    return out, (x, W)


def dense_backward(dout, cache):
    x, W = cache
    return dout @ W.T, x.T @ dout, dout.sum(axis=0)
