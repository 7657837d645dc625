"""Checker: conv2d forward with loops, against torch.nn.functional.conv2d (float64, CPU)."""

import numpy as np
import torch
import torch.nn.functional as F
from _common import (
    conv2d_last_channel_only,
    conv2d_window_start_ignores_stride,
    out_size,
)

from tutor.checks import Checker

RTOL, ATOL = 1e-6, 1e-8  # float64 work; set explicitly: t.float_tolerances() follows the device


def torch_conv(x, w, b, stride, padding):
    with torch.no_grad():
        return F.conv2d(
            torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), stride=stride, padding=padding
        ).numpy()


def flipped(x, w, b, stride, padding):
    return torch_conv(x, np.ascontiguousarray(w[:, :, ::-1, ::-1]), b, stride, padding)


def shape_mistakes(x, w, stride, padding):
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    known = {}

    def add(hh, ww, message):
        known.setdefault((n, c_out, hh, ww), message)

    add(
        h + 2 * padding - kh + 1,
        wd + 2 * padding - kw + 1,
        "that is the stride-1 size — divide (H + 2P - K) by the stride before adding 1.",
    )
    add(h - kh + 1, wd - kw + 1, "the padding is missing — pad P zeros on every side first.")
    add((h - kh) // stride + 1, (wd - kw) // stride + 1, "the padding is missing — pad P zeros on every side first.")
    short = (h + 2 * padding - kh) // stride, (wd + 2 * padding - kw) // stride
    one_side = (h + padding - kh) // stride + 1, (wd + padding - kw) // stride + 1
    if padding > 0 and short == one_side:  # the shape cannot tell these two apart; case() tries the values
        add(
            *short,
            "one position short in each direction: either the padding went on one side only (the padded "
            "size is H + 2P, not H + P), or the +1 that counts the first window is missing from "
            "(H + 2P - K) // S + 1.",
        )
    add(
        *short,
        "one position short in each direction — the output size is (H + 2P - K) // S + 1 (the +1 counts the first window).",
    )
    add(
        -(-(h + 2 * padding - kh) // stride) + 1,
        -(-(wd + 2 * padding - kw) // stride) + 1,
        "you rounded up; a window that would hang over the edge is dropped, so use floor division //.",
    )
    add(
        (h + padding - kh) // stride + 1,
        (wd + padding - kw) // stride + 1,
        "padding is added on both sides, so the padded size is H + 2P, not H + P.",
    )
    known.setdefault(
        (n, c_out, out_size(wd, kw, stride, padding), out_size(h, kh, stride, padding)),
        "height and width are swapped — H is axis 2 and W is axis 3 (NCHW).",
    )
    return known


def _size_formula_plus_one(t, conv, x, w, b):
    """Tell a wrong size formula (H + 2P - K + 1) // S from one-sided padding, which gave the same
    shape and values on the case at hand: try a stride, padding and height where the two differ."""
    kh = w.shape[2]
    trials = ((s, p, hh) for s in (2, 3) for p in (1, 2) for hh in range(kh, kh + 2 * s + 2))
    for stride, padding, hh in trials:
        formula = (hh + 2 * padding - kh + 1) // stride
        if formula > 0 and formula != (hh + padding - kh) // stride + 1:
            break
    else:
        return False
    x2 = np.random.default_rng(0).normal(size=(1, x.shape[1], hh, x.shape[3]))
    out = t.call(conv, x2, w.copy(), b.copy(), stride, padding)
    return isinstance(out, np.ndarray) and out.ndim == 4 and out.shape[2] == formula


def case(t, name, conv, x, w, b, stride, padding):
    out = t.call(conv, x.copy(), w.copy(), b.copy(), stride, padding)
    want = torch_conv(x, w, b, stride, padding)
    if padding > 0 and isinstance(out, np.ndarray) and out.shape != want.shape:
        for side, pads in (("top and left", (padding, 0)), ("bottom and right", (0, padding))):
            one_side = torch_conv(np.pad(x, ((0, 0), (0, 0), pads, pads)), w, b, stride, 0)
            if out.shape == one_side.shape and np.allclose(out, one_side, rtol=RTOL, atol=ATOL):
                if side == "top and left" and _size_formula_plus_one(t, conv, x, w, b):
                    t.fail(
                        f"{name}: shape",
                        "shape",
                        f"expected shape {want.shape}, got {out.shape}: the values you computed are right, but "
                        "your output size is off — on other inputs too it matches (H + 2P - K + 1) // S, which "
                        "is one short for some sizes when S > 1. The output size is (H + 2P - K) // S + 1.",
                    )
                t.fail(
                    f"{name}: shape",
                    "shape",
                    f"expected shape {want.shape}, got {out.shape}: you padded one side only (the {side}). np.pad takes "
                    f"(before, after) per axis: ((0, 0), (0, 0), (P, P), (P, P)) puts P zeros on every side.",
                )
    t.expect_shape(f"{name}: shape", out, want.shape, mistakes=shape_mistakes(x, w, stride, padding))
    mistakes = {
        "your kernel is flipped: that is the textbook convolution. conv2d in deep learning is "
        "cross-correlation — multiply x[i + a, j + b] by w[a, b] with no flip.": flipped(x, w, b, stride, padding),
        "the bias is missing: add b[c_out] to every position of output channel c_out.": torch_conv(
            x, w, 0 * b, stride, padding
        ),
    }
    if w.shape[1] > 1:
        mistakes[
            "the bias is added once per input channel (inside the channel loop); add it once per output value."
        ] = torch_conv(x, w, b * w.shape[1], stride, padding)
        mistakes[
            "only the last input channel contributes: sum over all C_in channels "
            "(accumulate with +=, or sum the whole (C_in, kH, kW) window at once)."
        ] = conv2d_last_channel_only(x, w, b, stride, padding)
    if stride > 1:
        mistakes[
            "the output size is right but window (i, j) starts at (i, j); with stride S it starts at (i*S, j*S)."
        ] = conv2d_window_start_ignores_stride(x, w, b, stride, padding)
    t.expect_close(f"{name}: values", out, want, rtol=RTOL, atol=ATOL, mistakes=mistakes)


def check(t: Checker) -> None:
    torch.set_num_threads(1)  # torch is only the reference here, on tiny tensors: one thread is fastest
    conv = t.function("conv2d_naive")
    rng = t.rng

    # An asymmetric kernel, so a flipped kernel gives a different answer.
    x = rng.normal(size=(1, 1, 5, 6))
    w = rng.normal(size=(1, 1, 3, 3))
    b = rng.normal(size=1)
    case(t, "one channel, stride 1", conv, x, w, b, 1, 0)

    x = rng.normal(size=(2, 3, 6, 7))
    w = rng.normal(size=(4, 3, 3, 2))
    b = rng.normal(size=4)
    case(t, "3 -> 4 channels, 3x2 kernel", conv, x, w, b, 1, 0)

    case(t, "padding 1", conv, x, rng.normal(size=(2, 3, 3, 3)), rng.normal(size=2), 1, 1)

    x = rng.normal(size=(2, 2, 7, 8))
    case(t, "stride 2, padding 1", conv, x, rng.normal(size=(3, 2, 3, 3)), rng.normal(size=3), 2, 1)

    x = rng.normal(size=(1, 2, 9, 6))
    case(t, "stride 3, padding 2, 4x2 kernel", conv, x, rng.normal(size=(2, 2, 4, 2)), rng.normal(size=2), 3, 2)

    before = x.copy()
    t.call(conv, x, rng.normal(size=(2, 2, 3, 3)), rng.normal(size=2), 1, 1)
    t.expect(
        "input left unchanged",
        np.array_equal(before, x),
        "conv2d_naive changed its input x in place; pad into a new array (np.pad returns one).",
    )
