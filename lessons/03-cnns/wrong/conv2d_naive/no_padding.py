# expect: padding is missing
import numpy as np


def conv2d_naive(x, w, b, stride=1, padding=0):
    # "valid" convolution only: the padding argument is accepted but never used
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    h_out = (h - kh) // stride + 1
    w_out = (wd - kw) // stride + 1
    out = np.zeros((n, c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            win = x[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            for o in range(c_out):
                out[:, o, i, j] = np.sum(win * w[o], axis=(1, 2, 3)) + b[o]
    return out
