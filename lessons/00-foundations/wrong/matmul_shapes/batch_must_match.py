# expect: but you raised ValueError
# expect: Leading axes broadcast
def matmul_shape(a_shape, b_shape):
    a, b = tuple(a_shape), tuple(b_shape)
    av, bv = len(a) == 1, len(b) == 1
    if av:
        a = (1,) + a
    if bv:
        b = b + (1,)
    if a[-1] != b[-2]:
        raise ValueError("inner dimensions differ")
    ba, bb = a[:-2], b[:-2]
    if ba and bb and ba != bb:
        raise ValueError("batch dimensions differ")
    core = (() if av else (a[-2],)) + (() if bv else (b[-1],))
    return (ba or bb) + core
