def matmul_shape(a_shape, b_shape):
    a, b = list(a_shape), list(b_shape)
    a_vec, b_vec = len(a) == 1, len(b) == 1
    if a_vec:
        a = [1] + a
    if b_vec:
        b = b + [1]
    if a[-1] != b[-2]:
        raise ValueError(f"inner dimensions differ: {a[-1]} vs {b[-2]}")
    ba, bb = a[:-2], b[:-2]
    width = max(len(ba), len(bb))
    ba = [1] * (width - len(ba)) + ba
    bb = [1] * (width - len(bb)) + bb
    batch = []
    for x, y in zip(ba, bb, strict=True):
        if x != y and 1 not in (x, y):
            raise ValueError(f"cannot broadcast batch axes {x} and {y}")
        batch.append(max(x, y))
    core = ([] if a_vec else [a[-2]]) + ([] if b_vec else [b[-1]])
    return tuple(batch + core)
