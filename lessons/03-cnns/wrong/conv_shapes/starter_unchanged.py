# expect: not implemented
"""Shape arithmetic: what a model summary prints, computed by hand.

conv_output_size(n, k, s, p): windows of width k, stride s, on an axis of length n padded
    by p zeros on each side. Also the size for pooling (p = 0).
pool_output_size(n, k, s=None): max pooling with window k; the stride defaults to k.

layer_shapes(input_shape, layers): input_shape is (C, H, W) (no batch axis); layers is a list of
    ("conv", out_channels, kernel, stride, padding)
    ("pool", kernel, stride)
    ("relu",)
    ("flatten",)
    ("linear", out_features)
Return the shape AFTER each layer, one tuple of ints per layer, e.g. for
    (1, 28, 28), [("conv", 32, 3, 1, 0), ("pool", 2, 2), ("flatten",), ("linear", 10)]
    -> [(32, 26, 26), (32, 13, 13), (5408,), (10,)]
Run `dltutor check conv_shapes`.
"""


def conv_output_size(n: int, k: int, s: int = 1, p: int = 0) -> int:
    """Positions a k-wide window visits along an axis of length n, with stride s and padding p."""
    # TODO
    raise NotImplementedError


def pool_output_size(n: int, k: int, s: int | None = None) -> int:
    """Output length of max pooling (window k, stride s defaulting to k, no padding, floor)."""
    # TODO
    raise NotImplementedError


def layer_shapes(input_shape: tuple[int, int, int], layers: list[tuple]) -> list[tuple[int, ...]]:
    """The shape after each layer (no batch axis), starting from input_shape (C, H, W)."""
    # TODO: walk the layers, updating the current shape, and collect it after each one.
    raise NotImplementedError
