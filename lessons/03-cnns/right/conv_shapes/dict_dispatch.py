import math


def conv_output_size(n, k, s=1, p=0):
    return math.floor((n + 2 * p - k) / s) + 1


def pool_output_size(n, k, s=None):
    if s is None:
        s = k
    return (n - k) // s + 1


def layer_shapes(input_shape, layers):
    c, h, w = input_shape
    shape = (c, h, w)
    out = []
    for layer in layers:
        kind, *args = layer
        if kind == "conv":
            oc, k, s, p = args
            shape = (oc, conv_output_size(shape[1], k, s, p), conv_output_size(shape[2], k, s, p))
        elif kind == "pool":
            k, s = args
            shape = (shape[0], pool_output_size(shape[1], k, s), pool_output_size(shape[2], k, s))
        elif kind == "flatten":
            shape = (math.prod(shape),)
        elif kind == "linear":
            shape = (args[0],)
        out.append(shape)
    return out
