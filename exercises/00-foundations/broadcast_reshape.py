"""Reshaping versus transposing, and broadcasting with the right axes.

nhwc_to_nchw(images)   (N, H, W, C) -> (N, C, H, W)
center_channels(x)     (N, C, H, W) -> same shape, each channel's mean removed
batch_outer(a, b)      a (N, D), b (N, K) -> (N, D, K), out[n] = outer(a[n], b[n])

No loops needed: one transpose, one mean, one broadcast.

Run `dltutor check broadcast_reshape` to test your implementation.
"""

import numpy as np


def nhwc_to_nchw(images: np.ndarray) -> np.ndarray:
    """(N, H, W, C) -> (N, C, H, W): the same pixels, channels moved to axis 1.

    out[n, c, h, w] must equal images[n, h, w, c].
    """
    # TODO: reorder the axes (reshape would keep the memory order and scramble the pixels).
    raise NotImplementedError


def center_channels(images: np.ndarray) -> np.ndarray:
    """(N, C, H, W) minus each channel's mean over the batch, height and width.

    After this, images[:, c] has mean 0 for every channel c.
    """
    # TODO: take the mean over axes (0, 2, 3) so that it broadcasts against axis 1.
    raise NotImplementedError


def batch_outer(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a (N, D), b (N, K) -> (N, D, K) with out[n] = the outer product of a[n] and b[n]."""
    # TODO: insert a length-1 axis in each so that broadcasting pairs every d with every k.
    raise NotImplementedError
