import numpy as np


def matmul_shape(a_shape, b_shape):
    a, b = tuple(a_shape), tuple(b_shape)
    drop_row, drop_col = len(a) == 1, len(b) == 1
    if drop_row:
        a = (1,) + a
    if drop_col:
        b = b + (1,)
    if a[-1] != b[-2]:
        raise ValueError("shapes not aligned")
    batch = np.broadcast_shapes(a[:-2], b[:-2])  # raises ValueError itself
    out = batch + (a[-2], b[-1])
    if drop_col:
        out = out[:-1]
    if drop_row:
        out = out[:-2] + out[-1:] if not drop_col else out[:-1]
    return tuple(int(v) for v in out)
