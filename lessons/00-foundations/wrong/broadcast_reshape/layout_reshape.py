# expect: you used reshape
# The classic: reshape to the target shape instead of moving axes.
import numpy as np


def nhwc_to_nchw(images):
    n, h, w, c = images.shape
    return images.reshape(n, c, h, w)


def center_channels(x):
    return x - x.mean(axis=(0, 2, 3), keepdims=True)


def batch_outer(a, b):
    return a[:, :, None] * b[:, None, :]
