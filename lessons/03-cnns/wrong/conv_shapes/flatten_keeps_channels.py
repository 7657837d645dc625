# expect: ONE axis of C·H·W
"""Reference solution: output sizes and a layer-by-layer shape summary."""


def conv_output_size(n: int, k: int, s: int = 1, p: int = 0) -> int:
    """Positions a k-wide window visits along an axis of length n, with stride s and padding p."""
    return (n + 2 * p - k) // s + 1


def pool_output_size(n: int, k: int, s: int | None = None) -> int:
    """Output length of max pooling (window k, stride s defaulting to k, no padding, floor)."""
    return conv_output_size(n, k, k if s is None else s, 0)


def layer_shapes(input_shape: tuple[int, int, int], layers: list[tuple]) -> list[tuple[int, ...]]:
    """The shape after each layer (no batch axis), starting from input_shape (C, H, W)."""
    shape, shapes = tuple(input_shape), []
    for layer in layers:
        kind = layer[0]
        if kind == "conv":
            _, out_channels, k, s, p = layer
            shape = (out_channels, conv_output_size(shape[1], k, s, p), conv_output_size(shape[2], k, s, p))
        elif kind == "pool":
            _, k, s = layer
            shape = (shape[0], pool_output_size(shape[1], k, s), pool_output_size(shape[2], k, s))
        elif kind == "flatten":
            size = 1
            for dim in shape:
                size *= dim
            shape = (shape[0], shape[1] * shape[2])
        elif kind == "linear":
            shape = (layer[1],)
        elif kind != "relu":
            raise ValueError(f"unknown layer {layer!r}")
        shapes.append(shape)
    return shapes
