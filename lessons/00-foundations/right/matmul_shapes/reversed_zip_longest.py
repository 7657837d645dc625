from itertools import zip_longest


def _broadcast(s, t):
    out = []
    for x, y in zip_longest(reversed(s), reversed(t), fillvalue=1):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            raise ValueError("batch dimensions are not broadcastable")
    return tuple(reversed(out))


def matmul_shape(a_shape, b_shape):
    a, b = tuple(a_shape), tuple(b_shape)
    if len(a) == 1 and len(b) == 1:
        if a[0] != b[0]:
            raise ValueError("vector lengths differ")
        return ()
    if len(a) == 1:
        if a[0] != b[-2]:
            raise ValueError("mismatch")
        return _broadcast((), b[:-2]) + (b[-1],)
    if len(b) == 1:
        if a[-1] != b[0]:
            raise ValueError("mismatch")
        return _broadcast(a[:-2], ()) + (a[-2],)
    if a[-1] != b[-2]:
        raise ValueError("mismatch")
    return _broadcast(a[:-2], b[:-2]) + (a[-2], b[-1])
