# expect: cell
import numpy as np


def maxpool_forward(x, size=2, stride=None):
    stride = size if stride is None else stride
    n, c, h, w = x.shape
    h_out, w_out = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.empty((n, c, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(2, 3))
    return out


def maxpool_backward(dout, x, size=2, stride=None):
    stride = size if stride is None else stride
    n, c, _, _ = x.shape
    _, _, h_out, w_out = dout.shape
    dx = np.zeros(x.shape)
    for b in range(n):
        for ch in range(c):
            for i in range(h_out):
                for j in range(w_out):
                    window = x[b, ch, i * stride:i * stride + size, j * stride:j * stride + size]
                    k = int(np.argmax(window))
                    a, d = k % size, k // size  # row, column of the maximum
                    dx[b, ch, i * stride + a, j * stride + d] += dout[b, ch, i, j]
    return dx
