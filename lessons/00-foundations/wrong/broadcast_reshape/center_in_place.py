# expect: in place
import numpy as np


def nhwc_to_nchw(images):
    return np.transpose(images, (0, 3, 1, 2))


def center_channels(x):
    x -= x.mean(axis=(0, 2, 3), keepdims=True)
    return x


def batch_outer(a, b):
    return a[:, :, None] * b[:, None, :]
