"""Checker: max pooling forward and backward (gradient to one argmax per window, ties too)."""

import numpy as np
from _common import (
    avgpool,
    coverage,
    maxpool,
    out_size,
    overlap_diagnosis,
    windows,
)

from tutor.checks import Checker, numerical_gradient

RTOL, ATOL = 1e-9, 1e-12


def forward_case(t, fwd, name, x, size, stride):
    s = size if stride is None else stride
    args = (x.copy(), size) if stride is None else (x.copy(), size, stride)
    out = t.call(fwd, *args)
    want = maxpool(x, size, s)
    n, c, h, w = x.shape
    t.expect_shape(
        f"{name}: shape",
        out,
        want.shape,
        mistakes={
            (n, c, h - size + 1, w - size + 1): "that is a stride of 1; when no stride is given it "
            "defaults to the window size, so windows do not overlap.",
            (
                n,
                c,
                -(-(h - size) // s) + 1,
                -(-(w - size) // s) + 1,
            ): "you rounded up (ceil mode); a window that hangs over the edge is dropped: (H - size) // stride + 1.",
            (n, c, (h - size) // s, (w - size) // s): "one window short: the size is (H - size) // stride + 1.",
        },
    )
    mistakes = {
        "you averaged each window (average pooling); max pooling keeps the largest value.": avgpool(x, size, s),
    }
    if s > 1:
        full = maxpool(x, size, 1)
        mistakes[
            "the output size is right but window (i, j) starts at (i, j); with a stride it "
            "starts at (i*stride, j*stride)."
        ] = full[:, :, : want.shape[2], : want.shape[3]]
    t.expect_close(f"{name}: values", out, want, rtol=RTOL, atol=ATOL, mistakes=mistakes)


def backward_case(t, bwd, name, x, size, stride):
    s = size if stride is None else stride
    out_hw = (out_size(x.shape[2], size, s), out_size(x.shape[3], size, s))
    dout = t.rng.normal(size=x.shape[:2] + out_hw)
    args = (dout.copy(), x.copy(), size) if stride is None else (dout.copy(), x.copy(), size, stride)
    dx = t.call(bwd, *args)
    t.expect_shape(
        f"{name}: dx shape",
        dx,
        x.shape,
        mistakes={
            dout.shape: "dx has the shape of the INPUT x, not of the pooled output.",
        },
    )
    num, kink = numerical_gradient(lambda v: float(np.sum(maxpool(v, size, s) * dout)), x)
    overlap_diagnosis(t, f"{name}: dx", dx, num, coverage(x.shape[2:], size, size, s, 0, out_hw))
    if s == size:
        wrong_cell(t, f"{name}: dx", np.asarray(dx, dtype=float), x, dout, size, out_hw)
    spread = np.zeros_like(x)
    for i in range(out_hw[0]):
        for j in range(out_hw[1]):
            spread[:, :, i * s : i * s + size, j * s : j * s + size] += dout[:, :, i : i + 1, j : j + 1]
    t.expect_gradient(
        f"{name}: dx",
        dx,
        num,
        kink=kink,
        mistakes={
            "you passed each window's gradient to every position in it; only the position that held the "
            "maximum influenced the output, so only it gets the gradient (the others get 0).": spread,
            "you divided the gradient evenly over the window (average-pool backward); max pooling sends "
            "all of it to the argmax.": spread / size**2,
        },
    )


def wrong_cell(t, name, dx, x, dout, size, out_hw):
    """Non-overlapping windows: each window's gradient arrives whole, in one cell, but not in the argmax cell."""
    for n, c, i, j in np.ndindex(*x.shape[:2], *out_hw):
        rows, cols = slice(i * size, (i + 1) * size), slice(j * size, (j + 1) * size)
        got = dx[n, c, rows, cols]
        want_cell = np.unravel_index(int(np.argmax(x[n, c, rows, cols])), (size, size))
        if got[want_cell] == dout[n, c, i, j] and np.count_nonzero(got) <= 1:
            continue
        hit = np.argwhere(got != 0)
        if len(hit) != 1 or not np.isclose(got[tuple(hit[0])], dout[n, c, i, j]):
            return  # not a single misplaced gradient: the gradient check below explains it
        a, d = (int(v) for v in hit[0])
        swapped = (a, d) == (int(want_cell[1]), int(want_cell[0]))
        t.fail(
            name,
            "value",
            f"the gradient goes to the wrong cell of the window: in image {n}, channel {c}, window ({i}, {j}) the "
            f"maximum {x[n, c, rows, cols][want_cell]:.4g} sits at cell ({int(want_cell[0])}, {int(want_cell[1])}) "
            f"of the {size}×{size} window, but your gradient went to cell ({a}, {d})"
            + (
                " — row and column swapped: a flat index k in a window is row k // size, column k % size "
                "(np.unravel_index(k, (size, size)))."
                if swapped
                else " — map the window's flat argmax back to (row, column) with np.unravel_index(k, (size, size)) "
                "and add the window's offset (i*stride, j*stride)."
            ),
            index=[n, c, i, j],
        )


def ties_case(t, bwd, x, size):
    """Non-overlapping windows full of ties: each window must pass back exactly its dout, once."""
    out_hw = (x.shape[2] // size, x.shape[3] // size)
    dout = t.rng.normal(size=x.shape[:2] + out_hw) + 3.0  # clearly non-zero
    dx = t.call(bwd, dout.copy(), x.copy(), size)
    t.expect_shape("ties: dx shape", dx, x.shape)
    dx = np.asarray(dx, dtype=np.float64)
    win_x = windows(x[:, :, : out_hw[0] * size, : out_hw[1] * size], size, size, size)
    win_g = windows(dx[:, :, : out_hw[0] * size, : out_hw[1] * size], size, size, size)
    flat_x = win_x.reshape(win_x.shape[:4] + (-1,))
    flat_g = win_g.reshape(win_g.shape[:4] + (-1,))
    is_max = flat_x == flat_x.max(axis=-1, keepdims=True)
    ties = is_max.sum(axis=-1)
    nonzero = np.abs(flat_g) > 1e-12
    total = flat_g.sum(axis=-1)
    where = np.argwhere(ties > 1)
    example = tuple(int(v) for v in where[0]) if len(where) else None
    if np.allclose(total, dout * ties) and (ties > 1).any():
        t.fail(
            "ties: one position per window",
            "gradient",
            f"where several entries tie for the maximum (window {example} has {ties[example]} of "
            "them — think of the zeros after a ReLU), you gave the full gradient to every one, so "
            "that window sends back several times its upstream gradient. Route it to ONE position "
            "(np.argmax picks the first; that is what PyTorch does too).",
        )
    if np.allclose(total, dout) and np.any(nonzero.sum(axis=-1) > 1):
        t.fail(
            "ties: one position per window",
            "gradient",
            f"you split the gradient between tied maxima (window {example}); frameworks route the "
            "whole gradient to a single position — the first maximum, as np.argmax finds it.",
        )
    bad = (nonzero.sum(axis=-1) != 1) | ~np.isclose(total, dout) | np.any(nonzero & ~is_max, axis=-1)
    if bad.any():
        idx = tuple(int(v) for v in np.argwhere(bad)[0])
        t.fail(
            "ties: one position per window",
            "gradient",
            f"window {idx} (values {flat_x[idx].round(3).tolist()}, upstream gradient "
            f"{dout[idx]:.4g}) got gradient {flat_g[idx].round(4).tolist()}; the whole upstream "
            "gradient should land on exactly one position that holds the maximum.",
        )
    t.passed("ties: one position per window", "gradient")


def check(t: Checker) -> None:
    fwd = t.function("maxpool_forward")
    bwd = t.function("maxpool_backward")
    rng = t.rng

    forward_case(t, fwd, "forward, 2x2 windows", rng.normal(size=(2, 3, 6, 6)), 2, None)
    forward_case(t, fwd, "forward, odd size", rng.normal(size=(2, 2, 7, 5)), 2, None)
    forward_case(t, fwd, "forward, 3x3 windows, stride 2", rng.normal(size=(1, 2, 7, 8)), 3, 2)

    backward_case(t, bwd, "backward, 2x2 windows", rng.normal(size=(2, 2, 5, 7)), 2, None)

    # Overlapping windows: plant maxima where two or four windows meet.
    x = rng.normal(size=(2, 2, 7, 7))
    x[:, :, 2, 2] = 5.0 + rng.random((2, 2))  # shared by windows (0,0), (0,1), (1,0), (1,1)
    x[:, :, 4, 6] = 4.0 + rng.random((2, 2))  # shared by windows (1,2) and (2,2)
    backward_case(t, bwd, "backward, overlapping 3x3 windows, stride 2", x, 3, 2)

    # Ties, as after a ReLU: lots of exact zeros, and small integers.
    x = np.maximum(rng.normal(size=(2, 3, 4, 6)), 0.0)
    x[0, 0, :2, :2] = 0.0  # at least one all-zero window
    ties_case(t, bwd, x, 2)
    x = rng.integers(0, 3, size=(2, 2, 6, 6)).astype(np.float64)
    ties_case(t, bwd, x, 3)
