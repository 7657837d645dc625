# expect: your output size is off
"""2-D convolution, forward, with loops."""

import numpy as np


def conv2d_naive(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    O, _, kH, kW = w.shape
    P, S = padding, stride
    xp = np.pad(x, ((0, 0), (0, 0), (P, P), (P, P)))
    Ho = (H + 2 * P - kH + 1) // S
    Wo = (W + 2 * P - kW + 1) // S
    out = np.zeros((N, O, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            win = xp[:, :, i * S:i * S + kH, j * S:j * S + kW]
            for o in range(O):
                out[:, o, i, j] = (win * w[o]).sum(axis=(1, 2, 3)) + b[o]
    return out
