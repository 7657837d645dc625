# expect: not implemented
def matmul_shape(a_shape, b_shape):
    raise NotImplementedError
