# expect: leading (batch) axes are part of the result
def matmul_shape(a_shape, b_shape):
    a, b = tuple(a_shape), tuple(b_shape)
    av, bv = len(a) == 1, len(b) == 1
    if av:
        a = (1,) + a
    if bv:
        b = b + (1,)
    if a[-1] != b[-2]:
        raise ValueError("inner dimensions differ")
    core = (() if av else (a[-2],)) + (() if bv else (b[-1],))
    return a[:-2] + core
