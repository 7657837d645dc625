"""Checker: im2col layout (against torch's unfold) and a vectorised conv2d (against conv2d)."""

import time

import numpy as np
import torch
import torch.nn.functional as F
from _common import out_size, windows

from tutor.checks import Checker

RTOL, ATOL = 1e-6, 1e-8


def torch_im2col(x, kh, kw, stride, padding):
    n = x.shape[0]
    with torch.no_grad():
        cols = F.unfold(torch.from_numpy(x), (kh, kw), padding=padding, stride=stride).numpy()
    return cols.transpose(0, 2, 1).reshape(n * cols.shape[2], cols.shape[1])


def torch_conv(x, w, b, stride, padding):
    with torch.no_grad():
        return F.conv2d(
            torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), stride=stride, padding=padding
        ).numpy()


def check_im2col(t, im2col, x, kh, kw, stride, padding, name):
    n, c, h, wd = x.shape
    ho, wo = out_size(h, kh, stride, padding), out_size(wd, kw, stride, padding)
    cols = t.call(im2col, x.copy(), kh, kw, stride, padding)
    want = torch_im2col(x, kh, kw, stride, padding)
    t.expect_shape(
        f"{name}: shape",
        cols,
        want.shape,
        mistakes={
            (c * kh * kw, n * ho * wo): "that is the transpose — one ROW per output position "
            "(N·H_out·W_out rows), one column per patch entry (C·kH·kW).",
            (
                n,
                ho * wo,
                c * kh * kw,
            ): "merge the batch and position axes into one: reshape to (N·H_out·W_out, C·kH·kW).",
            (n * ho * wo, kh * kw): "each row must hold the patch from every input channel: C·kH·kW columns.",
        },
    )
    patch = want.reshape(n * ho * wo, c, kh, kw)
    rows = want.reshape(n, ho, wo, -1)
    mistakes = {
        "a row holds the right numbers in the wrong order: you flattened each patch as (kH, kW, C); "
        "flatten it as (C, kH, kW) so it lines up with w.reshape(C_out, -1).": patch.transpose(0, 2, 3, 1).reshape(
            n * ho * wo, -1
        ),
        "the rows are ordered by position first and image second; order them (n, i, j) — image "
        "first, then row i, then column j — so that out.reshape(N, H_out, W_out, C_out) works.": rows.transpose(
            1, 2, 0, 3
        ).reshape(n * ho * wo, -1),
        "the rows are ordered (n, j, i): walk output rows i in the outer loop and columns j in the "
        "inner one.": rows.transpose(0, 2, 1, 3).reshape(n * ho * wo, -1),
    }
    if stride > 1:
        dense = torch_im2col(x, kh, kw, 1, padding)
        h1, w1 = out_size(h, kh, 1, padding), out_size(wd, kw, 1, padding)
        mistakes[
            f"window (i, j) starts at (i, j), as if the stride were 1; with stride {stride} it starts at "
            f"(i*{stride}, j*{stride}) — slice with a step: xp[:, :, a : a + S*H_out : S, d : d + S*W_out : S]."
        ] = dense.reshape(n, h1, w1, -1)[:, :ho, :wo].reshape(n * ho * wo, -1)
    if padding > 0 and isinstance(cols, np.ndarray) and cols.shape == want.shape:
        pad_cells = want[0] == 0  # the first window's padding zeros (random normal data is never exactly 0)
        if np.any(pad_cells) and not np.any(np.asarray(cols)[0][pad_cells] == 0):
            t.fail(
                f"{name}: values",
                "value",
                f"with padding={padding} the windows at the border must hold the padding zeros (the first "
                f"row — image 0, position (0, 0) — starts with {padding} row(s) of zeros), but yours hold input "
                "values there: x was not padded, or the slices were taken from x instead of the padded xp. "
                "Pad first: np.pad(x, ((0, 0), (0, 0), (P, P), (P, P))).",
            )
    t.expect_close(f"{name}: values", cols, want, rtol=RTOL, atol=ATOL, mistakes=mistakes)


def check_conv(t, conv, x, w, b, stride, padding, name):
    out = t.call(conv, x.copy(), w.copy(), b.copy(), stride, padding)
    want = torch_conv(x, w, b, stride, padding)
    n, c_out, ho, wo = want.shape
    t.expect_shape(
        f"{name}: shape",
        out,
        want.shape,
        mistakes={
            (n * ho * wo, c_out): "that is the raw matmul result; reshape it to (N, H_out, W_out, C_out) "
            "and move the channel axis to position 1.",
            (n, ho, wo, c_out): "channels are last (NHWC); transpose to (N, C_out, H_out, W_out).",
        },
    )
    matmul = want.transpose(0, 2, 3, 1).reshape(-1)  # the (N*L, C_out) product, row-major
    mistakes = {
        "the shape is right but the values are scrambled: the matmul gives rows (n, i, j) × columns "
        "c_out, so reshape to (N, H_out, W_out, C_out) and then transpose(0, 3, 1, 2) — a bare "
        "reshape to (N, C_out, H_out, W_out) mixes positions and channels.": matmul.reshape(want.shape),
        "your kernel is flipped; conv2d is cross-correlation — use w.reshape(C_out, -1) as it is.": torch_conv(
            x, np.ascontiguousarray(w[:, :, ::-1, ::-1]), b, stride, padding
        ),
        "the bias is missing.": torch_conv(x, w, 0 * b, stride, padding),
    }
    t.expect_close(f"{name}: values", out, want, rtol=RTOL, atol=ATOL, mistakes=mistakes)


def check(t: Checker) -> None:
    torch.set_num_threads(1)  # torch is only the reference here, on tiny tensors: one thread is fastest
    im2col = t.function("im2col")
    conv = t.function("conv2d_im2col")
    rng = t.rng

    check_im2col(t, im2col, rng.normal(size=(2, 3, 5, 6)), 3, 2, 1, 0, "im2col, 3x2 kernel")
    check_im2col(t, im2col, rng.normal(size=(3, 2, 7, 6)), 3, 3, 2, 1, "im2col, stride 2, padding 1")

    check_conv(
        t,
        conv,
        rng.normal(size=(2, 3, 6, 7)),
        rng.normal(size=(4, 3, 3, 2)),
        rng.normal(size=4),
        1,
        0,
        "conv, 3 -> 4 channels",
    )
    check_conv(
        t,
        conv,
        rng.normal(size=(3, 2, 8, 7)),
        rng.normal(size=(5, 2, 3, 3)),
        rng.normal(size=5),
        2,
        1,
        "conv, stride 2, padding 1",
    )
    check_conv(
        t,
        conv,
        rng.normal(size=(1, 1, 9, 9)),
        rng.normal(size=(2, 1, 4, 4)),
        rng.normal(size=2),
        3,
        2,
        "conv, stride 3, padding 2",
    )

    # No loop over images or output positions, however fast: count Python steps at two sizes
    # (batch and image grow; the kernel stays 3×3, so a loop over its kH·kW offsets is allowed).
    def batch(n):
        return rng.normal(size=(n // 4, 2, n, n)), 3, 3, 1, 1

    t.expect_no_python_loop(
        "im2col: no loop over images or positions",
        im2col,
        batch,
        sizes=(8, 16),
        over="the images, the output positions or the (i, j) windows",
        advice="Loop (if at all) over the kH·kW kernel offsets, taking one strided slice "
        "of the padded batch per offset.",
    )
    t.expect_no_python_loop(
        "conv2d_im2col: no loop over images or positions",
        conv,
        lambda n: (rng.normal(size=(n // 4, 2, n, n)), rng.normal(size=(3, 2, 3, 3)), rng.normal(size=3), 1, 1),
        sizes=(8, 16),
        over="the images, the output positions or the filters",
    )

    # Vectorised: the point of im2col is one big matmul instead of a Python loop per value.
    # The time allowed is calibrated on this machine: between a vectorised conv (~0.05 s) and a
    # loop over output values (~2-8 s), nearer the loop, so a busy machine cannot fail a correct
    # solution, while every per-value loop still overruns it several times over.
    x = rng.normal(size=(32, 8, 32, 32))
    w = rng.normal(size=(16, 8, 3, 3))
    b = rng.normal(size=16)
    fast, slow = calibrate(x, w, b)
    budget = max(0.3, fast ** (1 / 3) * slow ** (2 / 3))
    start = time.perf_counter()
    out = t.call(
        conv,
        x,
        w,
        b,
        1,
        1,
        step="conv on a 32×8×32×32 batch runs",
        budget_s=budget,
        hint=f"On this machine one matmul needs about {fast:.2f} s, and a Python loop over every "
        f"output value about {slow:.1f} s. Build the columns with slicing — one slice per kernel "
        "offset (a, d), kH·kW of them — and do a single matmul.",
    )
    seconds = time.perf_counter() - start
    t.expect_close("large batch: values", out, torch_conv(x, w, b, 1, 1), rtol=RTOL, atol=ATOL)
    t.passed("vectorised", "property", f"{seconds:.3f} s for 32×16×32×32 outputs (allowed {budget:.2f} s)")


def calibrate(x, w, b):
    """Seconds for (a vectorised conv, an estimated loop over every output value) on x, w here."""
    start = time.perf_counter()
    torch_conv(x, w, b, 1, 1)
    np.einsum("nchwij,ocij->nohw", windows(x, 3, 3, 1, 1), w, optimize=True)
    fast = (time.perf_counter() - start) / 2
    xp = np.pad(x[:1], ((0, 0), (0, 0), (1, 1), (1, 1)))
    out = np.empty((2, 32, 32))
    start = time.perf_counter()
    for o in range(2):  # 1 image × 2 filters: 1/256 of the work
        for i in range(32):
            for j in range(32):
                out[o, i, j] = np.sum(xp[0, :, i : i + 3, j : j + 3] * w[o]) + b[o]
    slow = (time.perf_counter() - start) * 256
    return fast, slow
