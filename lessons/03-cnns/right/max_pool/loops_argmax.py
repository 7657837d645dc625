import numpy as np


def maxpool_forward(x, size=2, stride=None):
    if stride is None:
        stride = size
    N, C, H, W = x.shape
    Ho = (H - size) // stride + 1
    Wo = (W - size) // stride + 1
    out = np.zeros((N, C, Ho, Wo))
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, c, i, j] = np.max(x[n, c, i * stride:i * stride + size, j * stride:j * stride + size])
    return out


def maxpool_backward(dout, x, size=2, stride=None):
    if stride is None:
        stride = size
    N, C, Ho, Wo = dout.shape
    dx = np.zeros_like(x, dtype=float)
    for n in range(N):
        for c in range(C):
            for i in range(Ho):
                for j in range(Wo):
                    window = x[n, c, i * stride:i * stride + size, j * stride:j * stride + size]
                    a, d = np.unravel_index(np.argmax(window), window.shape)
                    dx[n, c, i * stride + a, j * stride + d] += dout[n, c, i, j]
    return dx
