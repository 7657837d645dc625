# expect: raised AssertionError
# expect: raise ValueError
import numpy as np


def matmul_shape(a_shape, b_shape):
    a, b = tuple(a_shape), tuple(b_shape)
    av, bv = len(a) == 1, len(b) == 1
    if av:
        a = (1,) + a
    if bv:
        b = b + (1,)
    assert a[-1] == b[-2], "inner dimensions differ"
    batch = np.broadcast_shapes(a[:-2], b[:-2])
    return tuple(batch) + (() if av else (a[-2],)) + (() if bv else (b[-1],))
