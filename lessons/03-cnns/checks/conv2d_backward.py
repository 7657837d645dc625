"""Checker: conv2d backward (dx, dw, db) against central differences of the forward pass.

The scalar being differentiated is L = sum(conv2d(x, w, b) * dout): projecting the output on
a random upstream gradient `dout` makes dL/dx exactly the vector-Jacobian product the
learner's backward must return. Everything is float64 and small, so it runs in milliseconds.
"""

import numpy as np
from _common import (
    conv2d,
    conv2d_full_backward,
    coverage,
    out_size,
    overlap_diagnosis,
)

from tutor.checks import Checker, numerical_gradient

CASES = [
    # name, x shape, w shape, stride, padding
    ("stride 1, no padding", (2, 2, 5, 5), (3, 2, 3, 3), 1, 0),
    ("padding 1", (2, 3, 4, 5), (2, 3, 3, 3), 1, 1),
    ("stride 2, padding 1", (2, 2, 7, 6), (3, 2, 3, 3), 2, 1),
    ("stride 2, last row unused", (1, 2, 6, 6), (2, 2, 3, 2), 2, 0),
]


def check(t: Checker) -> None:
    backward = t.function("conv2d_backward")
    for name, xs, ws, stride, padding in CASES:
        x = t.rng.normal(size=xs)
        w = t.rng.normal(size=ws)
        b = t.rng.normal(size=ws[0])
        dout = t.rng.normal(
            size=(xs[0], ws[0], out_size(xs[2], ws[2], stride, padding), out_size(xs[3], ws[3], stride, padding))
        )
        case(t, backward, name, x, w, b, dout, stride, padding)


def case(t, backward, name, x, w, b, dout, stride, padding):
    result = t.call(backward, dout.copy(), x.copy(), w.copy(), stride, padding)
    if not isinstance(result, tuple | list) or len(result) != 3:
        t.fail(
            f"{name}: returns (dx, dw, db)",
            "shape",
            f"conv2d_backward should return a tuple (dx, dw, db); got {type(result).__name__}"
            + (f" of length {len(result)}" if isinstance(result, tuple | list) else ""),
        )
    dx, dw, db = result

    def loss_x(v):
        return float(np.sum(conv2d(v, w, b, stride, padding) * dout))

    def loss_w(v):
        return float(np.sum(conv2d(x, v, b, stride, padding) * dout))

    def loss_b(v):
        return float(np.sum(conv2d(x, w, v, stride, padding) * dout))

    n = x.shape[0]
    h, wd, p = x.shape[2], x.shape[3], padding
    positions = dout.shape[2] * dout.shape[3]
    dx_num, _ = numerical_gradient(loss_x, x)
    dw_num, _ = numerical_gradient(loss_w, w)
    db_num, _ = numerical_gradient(loss_b, b)
    flipped = conv2d_full_backward(dout, x, w[:, :, ::-1, ::-1].copy(), stride, padding)
    no_stride = conv2d_full_backward(dout, x, w, stride, padding, step=1) if stride > 1 else None

    # ---- db -----------------------------------------------------------------------------
    t.expect_shape(
        f"{name}: db shape",
        db,
        b.shape,
        mistakes={
            dout.shape[
                1:
            ]: "you summed dout over the batch only; sum over the batch and every position: axis=(0, 2, 3).",
            (1, b.shape[0], 1, 1): "keep db one-dimensional like b: sum over axis=(0, 2, 3) without keepdims.",
        },
    )
    t.expect_gradient(
        f"{name}: db",
        db,
        db_num,
        mistakes={
            "db is the SUM of dout over the batch and all positions (the bias was added at every one "
            "of them); you averaged.": db_num / (n * positions),
            "db is the sum of dout over the batch and positions; do not divide by the batch size — "
            "the loss already decides whether it averages.": db_num / n,
        },
    )

    # ---- dw -----------------------------------------------------------------------------
    t.expect_gradient(
        f"{name}: dw",
        dw,
        dw_num,
        batch=n,
        mistakes={
            "dw holds only the first image's contribution: sum over the whole batch.": conv2d_full_backward(
                dout[:1], x[:1], w, stride, padding
            )[1],
            "dw is flipped: dw[o, c, a, d] pairs dout[n, o, i, j] with xp[n, c, i*S + a, j*S + d] — "
            "a correlation of the input with dout, no rotation.": dw_num[:, :, ::-1, ::-1],
            **(
                {
                    "your dw ignores the stride: window (i, j) starts at (i*S, j*S) in the padded input, "
                    "in the backward pass as in the forward.": no_stride[1]
                }
                if no_stride
                else {}
            ),
        },
    )

    # ---- dx -----------------------------------------------------------------------------
    hp, wp = h + 2 * p, wd + 2 * p
    t.expect_shape(
        f"{name}: dx shape",
        dx,
        x.shape,
        mistakes={
            (n, x.shape[1], hp, wp): "that is the gradient of the PADDED input; cut the padding off: "
            "dx = dx_padded[:, :, P:P + H, P:P + W].",
            (n, x.shape[1], 0, 0): "empty: dx_padded[:, :, P:-P, P:-P] is empty when P = 0 (-0 is 0); "
            "slice P:P + H instead.",
            (n, x.shape[1], h + p, wd + p): "the padding is only half removed; dx = dx_padded[:, :, P:P + H, P:P + W].",
        },
    )
    overlap_diagnosis(
        t, f"{name}: dx", dx, dx_num, coverage((h, wd), w.shape[2], w.shape[3], stride, padding, dout.shape[2:])
    )
    t.expect_gradient(
        f"{name}: dx",
        dx,
        dx_num,
        mistakes={
            "dx got the kernel's 180° rotation the wrong way round. Written as a 'full' convolution "
            "(a sliding window over the padded dout), dx needs the kernel ROTATED, w[:, :, ::-1, ::-1]; "
            "written as a scatter (each dout value added back into its input window), it needs w AS IT IS, "
            "unrotated. You used the other one for the form you wrote.": flipped[0],
            **(
                {
                    "your dx ignores the stride: output (i, j) came from the window at (i*S, j*S), so its "
                    "gradient goes back there.": no_stride[0]
                }
                if no_stride
                else {}
            ),
        },
    )
