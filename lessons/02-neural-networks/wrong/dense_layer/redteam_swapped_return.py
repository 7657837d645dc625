# expect: return them in the order (dx, dW, db)
import numpy as np


def dense_forward(x, W, b):
    out = x @ W + b
    return out, (x, W)


def dense_backward(dout, cache):
    x, W = cache
    return x.T @ dout, dout @ W.T, dout.sum(axis=0)
