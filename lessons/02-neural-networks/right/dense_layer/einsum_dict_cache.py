import numpy as np


def dense_forward(x, W, b):
    out = np.einsum("ni,io->no", x, W) + b
    cache = {"x": x, "W": W, "b": b}
    return out, cache


def dense_backward(dout, cache):
    x, W = cache["x"], cache["W"]
    dx = np.einsum("no,io->ni", dout, W)
    dW = np.einsum("ni,no->io", x, dout)
    db = np.einsum("no->o", dout)
    return dx, dW, db
