"""Reference solution: a fully connected layer, forward and backward."""


def dense_forward(x, W, b):
    """out = x @ W + b for x (n, in), W (in, out), b (out,); the cache keeps what backward needs."""
    out = x @ W + b
    return out, (x, W)


def dense_backward(dout, cache):
    """Gradients of the loss w.r.t. x, W and b, given dout = dL/d(out)."""
    x, W = cache
    dx = dout @ W.T
    dW = x.T @ dout
    db = dout.sum(axis=0)
    return dx, dW, db
