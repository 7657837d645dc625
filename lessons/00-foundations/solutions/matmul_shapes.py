"""Reference solution: the shape rules of `a @ b` (np.matmul)."""


def matmul_shape(a_shape: tuple, b_shape: tuple) -> tuple:
    """The shape of `a @ b` for arrays of these shapes; ValueError if they do not fit."""
    a, b = tuple(a_shape), tuple(b_shape)
    if len(a) == 0 or len(b) == 0:
        raise ValueError("matmul needs at least one axis on each side")
    a_vector, b_vector = len(a) == 1, len(b) == 1
    if a_vector:
        a = (1,) + a  # a row vector
    if b_vector:
        b = b + (1,)  # a column vector
    if a[-1] != b[-2]:
        raise ValueError(f"inner dimensions differ: {a[-1]} vs {b[-2]}")
    batch_a, batch_b = a[:-2], b[:-2]
    length = max(len(batch_a), len(batch_b))
    batch_a = (1,) * (length - len(batch_a)) + batch_a
    batch_b = (1,) * (length - len(batch_b)) + batch_b
    batch = []
    for x, y in zip(batch_a, batch_b, strict=True):
        if x != y and x != 1 and y != 1:
            raise ValueError(f"batch dimensions {x} and {y} cannot be broadcast")
        batch.append(max(x, y))
    core = ((a[-2],) if not a_vector else ()) + ((b[-1],) if not b_vector else ())
    return tuple(batch) + core
