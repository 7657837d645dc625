"""Helpers shared by the 03-cnns checkers: NumPy references of convolution and pooling.

Everything here is the checker's own code, written independently of the
reference solutions, so a check never trusts the code it is meant to judge.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


# ---- convolution ---------------------------------------------------------------
def out_size(n: int, k: int, s: int = 1, p: int = 0) -> int:
    return (n + 2 * p - k) // s + 1


def pad(x: np.ndarray, p: int) -> np.ndarray:
    return np.pad(x, ((0, 0), (0, 0), (p, p), (p, p))) if p else x


def windows(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """(N, C, H_out, W_out, kh, kw) view of every window the kernel visits."""
    view = sliding_window_view(pad(x, padding), (kh, kw), axis=(2, 3))
    return view[:, :, ::stride, ::stride]


def conv2d(x, w, b, stride=1, padding=0):
    """Cross-correlation in float64 (what torch's conv2d computes)."""
    win = windows(np.asarray(x, np.float64), w.shape[2], w.shape[3], stride, padding)
    return np.einsum("nchwij,ocij->nohw", win, w, optimize=True) + np.asarray(b)[None, :, None, None]


def conv2d_window_start_ignores_stride(x, w, b, stride, padding):
    """Right output size, but window i starts at i (stride used only for the size)."""
    full = conv2d(x, w, b, 1, padding)
    ho = out_size(x.shape[2], w.shape[2], stride, padding)
    wo = out_size(x.shape[3], w.shape[3], stride, padding)
    return full[:, :, :ho, :wo]


def conv2d_last_channel_only(x, w, b, stride, padding):
    """`out[...] = ...` inside a loop over input channels: only the last channel survives."""
    c = x.shape[1] - 1
    return conv2d(x[:, c : c + 1], w[:, c : c + 1], b, stride, padding)


def conv2d_full_backward(dout, x, w, stride=1, padding=0, step=None):
    """(dx, dw, db) of L = sum(conv2d(x, w, b) * dout), float64, by scattering each window.

    `step` (default: the stride) is where window (i, j) starts: (i*step, j*step).
    step=1 with stride>1 reproduces a backward pass that forgot the stride.
    """
    step = stride if step is None else step
    dout = np.asarray(dout, np.float64)
    xp = pad(np.asarray(x, np.float64), padding)
    _, _, kh, kw = w.shape
    ho, wo = dout.shape[2], dout.shape[3]
    dxp = np.zeros_like(xp)
    dw = np.zeros(w.shape)
    for a in range(kh):
        for d in range(kw):
            # kernel tap (a, d) met xp[:, :, a + step*i, d + step*j] for output (i, j)
            rows = slice(a, a + step * (ho - 1) + 1, step)
            cols = slice(d, d + step * (wo - 1) + 1, step)
            dxp[:, :, rows, cols] += np.einsum("noij,oc->ncij", dout, w[:, :, a, d])
            dw[:, :, a, d] = np.einsum("noij,ncij->oc", dout, xp[:, :, rows, cols])
    db = dout.sum(axis=(0, 2, 3))
    dx = dxp[:, :, padding : padding + x.shape[2], padding : padding + x.shape[3]]
    return dx, dw, db


# ---- pooling -------------------------------------------------------------------
def maxpool(x, size, stride):
    return windows(np.asarray(x, np.float64), size, size, stride).max(axis=(4, 5))


def avgpool(x, size, stride):
    return windows(np.asarray(x, np.float64), size, size, stride).mean(axis=(4, 5))


def coverage(hw: tuple[int, int], kh: int, kw: int, stride: int, padding: int, out_hw: tuple[int, int]) -> np.ndarray:
    """How many windows touch each input pixel (H, W)."""
    h, w = hw
    cover = np.zeros((h + 2 * padding, w + 2 * padding), dtype=int)
    for a in range(kh):
        for d in range(kw):
            cover[a : a + stride * (out_hw[0] - 1) + 1 : stride, d : d + stride * (out_hw[1] - 1) + 1 : stride] += 1
    return cover[padding : padding + h, padding : padding + w]


def overlap_diagnosis(t, name: str, dx, dx_true, cover: np.ndarray) -> None:
    """Name the `=` instead of `+=` bug: right where one window covers a pixel, wrong where several do."""
    if not isinstance(dx, np.ndarray) or dx.shape != dx_true.shape or not np.all(np.isfinite(dx)):
        return
    wrong = np.abs(dx - dx_true) > 1e-6 * (1 + np.abs(dx_true))
    single, multi = cover == 1, cover > 1
    if single.any() and multi.any() and not wrong[:, :, single].any() and wrong[:, :, multi].any():
        t.fail(
            name,
            "gradient",
            "dx is right where a single window covers the input and wrong wherever windows "
            "overlap: a pixel used by several windows collects a gradient from each of them — "
            "accumulate with `+=`, do not assign with `=`.",
        )
