"""2-D convolution, forward, with loops.

    out[n, o, i, j] = b[o] + sum over c, a, d of  xp[n, c, i*S + a, j*S + d] * w[o, c, a, d]

where xp is x padded with P zeros on every side. Shapes (NCHW):
    x (N, C_in, H, W)   w (C_out, C_in, kH, kW)   b (C_out,)   ->   (N, C_out, H_out, W_out)
    H_out = (H + 2P - kH) // S + 1   (W_out likewise)

No kernel flip: this is cross-correlation, exactly what torch.nn.functional.conv2d does.
NumPy only (do not import torch here). Run `dltutor check conv2d_naive`.
"""

import numpy as np


def conv2d_naive(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1,
                 padding: int = 0) -> np.ndarray:
    """Cross-correlate x (N, C_in, H, W) with w (C_out, C_in, kH, kW), add b (C_out,)."""
    # TODO: pad x with np.pad, work out H_out and W_out, then loop over output positions
    #       (and output channels), multiplying each window by the kernel and summing.
    raise NotImplementedError
