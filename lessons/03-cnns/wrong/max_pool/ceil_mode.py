# expect: ceil mode
import math

import numpy as np


def maxpool_forward(x, size=2, stride=None):
    stride = stride or size
    n, c, h, w = x.shape
    ho, wo = math.ceil((h - size) / stride) + 1, math.ceil((w - size) / stride) + 1
    out = np.zeros((n, c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(2, 3))
    return out


def maxpool_backward(dout, x, size=2, stride=None):
    raise NotImplementedError
