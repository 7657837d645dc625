# expect: flattened each patch as (kH, kW, C)
import numpy as np


def im2col(x, kh, kw, stride=1, padding=0):
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (w + 2 * padding - kw) // stride + 1
    rows = []
    for nn in range(n):
        for i in range(ho):
            for j in range(wo):
                patch = xp[nn, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                rows.append(patch.transpose(1, 2, 0).ravel())  # image libraries think HWC
    return np.array(rows)


def conv2d_im2col(x, w, b, stride=1, padding=0):
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    out = im2col(x, kh, kw, stride, padding) @ w.transpose(0, 2, 3, 1).reshape(c_out, -1).T + b
    return out.reshape(n, ho, wo, c_out).transpose(0, 3, 1, 2)
