"""Checker: transpose vs reshape, channel means, batched outer products."""

import numpy as np

from tutor.checks import Checker


def check(t: Checker) -> None:
    with t.part("nhwc_to_nchw"):
        _check_layout(t)
    with t.part("center_channels"):
        _check_center(t)
    with t.part("batch_outer"):
        _check_outer(t)


def _check_layout(t: Checker) -> None:
    f = t.function("nhwc_to_nchw")
    N, H, W, C = 2, 4, 5, 3
    x = t.rng.normal(size=(N, H, W, C))
    out = t.call(f, x.copy())
    want = (N, C, H, W)
    if isinstance(out, np.ndarray) and out.shape == (N, C, W, H):
        t.fail(
            "shape (N, C, H, W)",
            "shape",
            f"got shape {out.shape} = (N, C, W, H): height and width are swapped. The new axis order "
            "is (0, 3, 1, 2): batch, channel, height, width.",
        )
    if isinstance(out, np.ndarray) and out.shape == (C, W, H, N):
        t.fail(
            "shape (N, C, H, W)",
            "shape",
            f"got shape {out.shape}: `.T` reverses *all* axes. Give transpose the order (0, 3, 1, 2).",
        )
    t.expect_shape("shape (N, C, H, W)", out, want)
    t.expect_close(
        "pixels in place",
        out,
        x.transpose(0, 3, 1, 2),
        mistakes={
            "you used reshape: it gives the right shape but keeps the memory order, so pixel values "
            "land in the wrong places. Reordering axes is a transpose: `np.transpose(x, (0, 3, 1, 2))`.": x.reshape(
                want
            ),
        },
    )
    square = t.rng.normal(size=(3, 4, 4, 2))
    t.expect_close(
        "square images (H = W)",
        t.call(f, square.copy()),
        square.transpose(0, 3, 1, 2),
        mistakes={
            "height and width are swapped: out[n, c, h, w] must be images[n, h, w, c]. Use the axis "
            "order (0, 3, 1, 2).": square.transpose(0, 3, 2, 1),
            "you used reshape: it keeps the memory order, so pixel values land in the wrong places. "
            "Use a transpose.": square.reshape(3, 2, 4, 4),
        },
    )


def _check_center(t: Checker) -> None:
    f = t.function("center_channels")
    # C == W on purpose: means of shape (C,) without keepdims broadcast against
    # the *last* axis (width) and run without an error.
    x = t.rng.normal(size=(4, 3, 5, 3)) + t.rng.normal(size=(1, 3, 1, 1)) * 5.0
    before = x.copy()
    out = t.call(f, x)
    t.expect(
        "input left unchanged",
        np.array_equal(before, x),
        "center_channels modified its input in place (`x -= ...`); return a new array.",
        kind="property",
    )
    want = x - x.mean(axis=(0, 2, 3), keepdims=True)
    t.expect_close(
        "each channel centred",
        out,
        want,
        mistakes={
            "the channel means (shape (C,)) were broadcast against the last axis — width — not the "
            "channel axis. Keep the reduced axes: `mean(axis=(0, 2, 3), keepdims=True)` has shape "
            "(1, C, 1, 1).": x - x.mean(axis=(0, 2, 3)),
            "you subtracted each image's own channel mean (axes 2, 3); the channel mean runs over the "
            "batch as well: axes (0, 2, 3).": x - x.mean(axis=(2, 3), keepdims=True),
            "you subtracted the mean over the channels (axis 1); each channel needs its own mean over "
            "axes (0, 2, 3).": x - x.mean(axis=1, keepdims=True),
            "you subtracted one global mean; each channel needs its own, over axes (0, 2, 3).": x - x.mean(),
            "you subtracted a per-pixel mean over the batch (axis 0 only); average over height and width "
            "too: axes (0, 2, 3).": x - x.mean(axis=0, keepdims=True),
        },
    )
    y = t.rng.normal(size=(2, 4, 3, 6)) - 2.0
    t.expect_close("another shape (2, 4, 3, 6)", t.call(f, y.copy()), y - y.mean(axis=(0, 2, 3), keepdims=True))


def _check_outer(t: Checker) -> None:
    f = t.function("batch_outer")
    N, D, K = 3, 4, 2
    a = t.rng.normal(size=(N, D))
    b = t.rng.normal(size=(N, K))
    out = t.call(f, a.copy(), b.copy())
    if isinstance(out, np.ndarray) and out.shape == (N, K, D):
        t.fail(
            "shape (N, D, K)",
            "shape",
            f"got {out.shape} = (N, K, D): the last two axes are swapped. a gets the new axis at "
            "the end (a[:, :, None]), b in the middle (b[:, None, :]).",
        )
    if isinstance(out, np.ndarray) and out.shape == (N * D, N * K):
        t.fail(
            "shape (N, D, K)",
            "shape",
            f"got {out.shape}: np.outer flattens its inputs, so it mixes samples. Broadcast "
            "a[:, :, None] * b[:, None, :] instead.",
        )
    if isinstance(out, np.ndarray) and out.shape == (D, K):
        t.fail(
            "shape (N, D, K)",
            "shape",
            f"got {out.shape}: `a.T @ b` sums the outer products over the batch. Keep one per "
            "sample: a[:, :, None] * b[:, None, :].",
        )
    t.expect_shape("shape (N, D, K)", out, (N, D, K))
    t.expect_close("out[n] = outer(a[n], b[n])", out, np.einsum("nd,nk->ndk", a, b))
    a2 = t.rng.normal(size=(5, 1))
    b2 = t.rng.normal(size=(5, 3))
    t.expect_close("D = 1", t.call(f, a2.copy(), b2.copy()), np.einsum("nd,nk->ndk", a2, b2))
