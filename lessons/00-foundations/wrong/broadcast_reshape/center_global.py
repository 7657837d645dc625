# expect: one global mean
import numpy as np


def nhwc_to_nchw(images):
    return np.transpose(images, (0, 3, 1, 2))


def center_channels(x):
    return x - x.mean()


def batch_outer(a, b):
    return a[:, :, None] * b[:, None, :]
