# expect: the bias is missing
import numpy as np


def dense_forward(x, W, b):
    return np.dot(x, W), (x, W)


def dense_backward(dout, cache):
    x, W = cache
    return dout @ W.T, x.T @ dout, dout.sum(axis=0)
