# expect: cannot be computed, but you returned
# expect: inner sizes differ
import numpy as np


def matmul_shape(a_shape, b_shape):
    a, b = tuple(a_shape), tuple(b_shape)
    av, bv = len(a) == 1, len(b) == 1
    if av:
        a = (1,) + a
    if bv:
        b = b + (1,)
    batch = np.broadcast_shapes(a[:-2], b[:-2])
    core = (() if av else (a[-2],)) + (() if bv else (b[-1],))
    return tuple(batch) + core
