# expect: return a tuple, not a list
import numpy as np


def matmul_shape(a_shape, b_shape):
    a, b = list(a_shape), list(b_shape)
    av, bv = len(a) == 1, len(b) == 1
    if av:
        a = [1] + a
    if bv:
        b = b + [1]
    if a[-1] != b[-2]:
        raise ValueError("inner dimensions differ")
    batch = list(np.broadcast_shapes(tuple(a[:-2]), tuple(b[:-2])))
    return batch + ([] if av else [a[-2]]) + ([] if bv else [b[-1]])
