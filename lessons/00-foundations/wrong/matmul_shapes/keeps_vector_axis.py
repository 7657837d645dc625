# expect: the axis added for that is removed from the result
import numpy as np


def matmul_shape(a_shape, b_shape):
    a, b = tuple(a_shape), tuple(b_shape)
    if len(a) == 1:
        a = (1,) + a
    if len(b) == 1:
        b = b + (1,)
    if a[-1] != b[-2]:
        raise ValueError("inner dimensions differ")
    return tuple(np.broadcast_shapes(a[:-2], b[:-2])) + (a[-2], b[-1])
