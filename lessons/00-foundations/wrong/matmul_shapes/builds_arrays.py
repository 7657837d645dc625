# expect: MemoryError
# expect: the rules need no data
import numpy as np


def matmul_shape(a_shape, b_shape):
    return np.matmul(np.empty(a_shape), np.empty(b_shape)).shape
