# expect: kernel is flipped
# expect: cross-correlation
import numpy as np


def conv2d_naive(x, w, b, stride=1, padding=0):
    # The signal-processing definition: rotate the kernel by 180 degrees first.
    w = w[:, :, ::-1, ::-1]
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (wd + 2 * padding - kw) // stride + 1
    out = np.zeros((n, c_out, h_out, w_out))
    for nn in range(n):
        for o in range(c_out):
            for i in range(h_out):
                for j in range(w_out):
                    win = xp[nn, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                    out[nn, o, i, j] = np.sum(win * w[o]) + b[o]
    return out
