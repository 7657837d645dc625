import numpy as np


def nhwc_to_nchw(images):
    # (N, H, W, C) -> (N, C, W, H) -> (N, C, H, W)
    return images.swapaxes(1, 3).swapaxes(2, 3)


def center_channels(images):
    n, c, h, w = images.shape
    sums = images.sum(axis=3).sum(axis=2).sum(axis=0)
    return images - (sums / (n * h * w))[None, :, None, None]


def batch_outer(a, b):
    return np.matmul(np.expand_dims(a, 2), np.expand_dims(b, 1))
