"""Reference solution: reshaping, transposing and broadcasting image batches."""

import numpy as np


def nhwc_to_nchw(images: np.ndarray) -> np.ndarray:
    """(N, H, W, C) -> (N, C, H, W): the same pixels, channels moved to axis 1."""
    return np.transpose(images, (0, 3, 1, 2))


def center_channels(images: np.ndarray) -> np.ndarray:
    """(N, C, H, W) minus each channel's mean over the batch, height and width."""
    means = images.mean(axis=(0, 2, 3), keepdims=True)  # (1, C, 1, 1)
    return images - means


def batch_outer(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a (N, D), b (N, K) -> (N, D, K) with out[n] = the outer product of a[n] and b[n]."""
    return a[:, :, None] * b[:, None, :]
