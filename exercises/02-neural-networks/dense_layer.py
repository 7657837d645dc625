"""A fully connected (dense) layer: forward and backward.

    out = x @ W + b        x: (n, in)   W: (in, out)   b: (out,)   out: (n, out)

dense_forward returns (out, cache); the cache is anything dense_backward
needs later. dense_backward gets dout = dL/d(out), shape (n, out), and
returns the gradients of L with respect to x, W and b, each with the shape
of the thing it differentiates: dx (n, in), dW (in, out), db (out,).

Run `dltutor check dense_layer` to test your implementation.
"""

import numpy as np


def dense_forward(x, W, b):
    """Return (out, cache) with out = x @ W + b."""
    # TODO
    raise NotImplementedError


def dense_backward(dout, cache):
    """Return (dx, dW, db) given dout = dL/d(out) and the cache from dense_forward."""
    # TODO: one gradient per input of the forward pass (x, W, b), each with the shape of what it
    #       differentiates. Work them out with the chain rule (lesson 4); the hints have the formulas.
    raise NotImplementedError
