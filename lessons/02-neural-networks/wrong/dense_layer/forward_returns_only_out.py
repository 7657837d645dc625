# expect: return a pair `(out, cache)`
import numpy as np


def dense_forward(x, W, b):
    return x @ W + b


def dense_backward(dout, cache):
    x, W = cache
    return dout @ W.T, x.T @ dout, dout.sum(axis=0)
