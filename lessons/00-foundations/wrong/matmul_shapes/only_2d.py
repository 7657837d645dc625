# expect: raised IndexError
# Only the matrix-matrix rule; vectors and batches were never considered.
def matmul_shape(a_shape, b_shape):
    if a_shape[1] != b_shape[0]:
        raise ValueError("inner dimensions differ")
    return (a_shape[0], b_shape[1])
