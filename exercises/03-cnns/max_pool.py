"""Max pooling, forward and backward.

maxpool_forward(x, size, stride): the maximum of every size×size window of x (N, C, H, W),
windows starting every `stride` pixels (stride defaults to size), no padding:
    H_out = (H - size) // stride + 1

maxpool_backward(dout, x, size, stride): dL/dx. Only the entry that was the maximum of a window
influenced the output, so each window's upstream gradient goes to that one entry:
    * ties (several equal maxima, e.g. zeros after a ReLU): give it all to ONE of them
      (np.argmax returns the first, as PyTorch does);
    * overlapping windows (stride < size): one entry can be the max of several windows,
      so gradients add up.
NumPy only. Run `dltutor check max_pool`.
"""

import numpy as np


def maxpool_forward(x: np.ndarray, size: int = 2, stride: int | None = None) -> np.ndarray:
    """Max over each size×size window of x (N, C, H, W); stride defaults to size."""
    # TODO
    raise NotImplementedError


def maxpool_backward(dout: np.ndarray, x: np.ndarray, size: int = 2,
                     stride: int | None = None) -> np.ndarray:
    """dL/dx given dout = dL/d(maxpool_forward(x, size, stride)): each window's gradient goes to its argmax."""
    # TODO: for every window, find the position of its (first) maximum and add dout there.
    raise NotImplementedError
