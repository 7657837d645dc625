"""2-D convolution, backward.

Forward (as in conv2d_naive): out[n, o, i, j] = b[o] + sum_{c,a,d} xp[n, c, i*S + a, j*S + d] * w[o, c, a, d]
with xp = x padded by P zeros. Given dout = dL/dout (same shape as out), return

    dx (N, C_in, H, W)          dL/dx    (the padding's gradient is thrown away)
    dw (C_out, C_in, kH, kW)    dL/dw
    db (C_out,)                 dL/db

Loops over the kernel offsets (a, d) are fine; the checker compares each gradient with
central differences of the forward pass. NumPy only. Run `dltutor check conv2d_backward`.
"""

import numpy as np


def conv2d_backward(dout: np.ndarray, x: np.ndarray, w: np.ndarray, stride: int = 1,
                    padding: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dx, dw, db) of a loss, given dout = dL/d(conv2d(x, w, b, stride, padding))."""
    # TODO: db: every output position added b[o], so sum dout over batch and positions.
    # TODO: dw[o, c, a, d] = sum over n, i, j of dout[n, o, i, j] * xp[n, c, i*S + a, j*S + d]
    # TODO: dxp[n, c, i*S + a, j*S + d] += sum over o of dout[n, o, i, j] * w[o, c, a, d];
    #       then drop the padding: dx = dxp[:, :, P:P + H, P:P + W]
    raise NotImplementedError
