"""Checker: a vanilla RNN step and its unrolled forward pass (NumPy, batch-first)."""

import numpy as np
from _common import rnn_forward

from tutor.checks import Checker

RTOL, ATOL = 1e-9, 1e-12


def check(t: Checker) -> None:
    step = t.function("rnn_step")
    forward = t.function("rnn_forward")
    rng = t.rng
    n, steps, d, h = 3, 6, 4, 5

    W_xh = rng.normal(scale=0.5, size=(d, h))
    W_hh = rng.normal(scale=0.5, size=(h, h))
    b = rng.normal(scale=0.3, size=h)

    # ---- one step ---------------------------------------------------------------------------
    x_t = rng.normal(size=(n, d))
    h_prev = np.tanh(rng.normal(size=(n, h)))
    out = t.call(step, x_t.copy(), h_prev.copy(), W_xh.copy(), W_hh.copy(), b.copy())
    a = x_t @ W_xh + h_prev @ W_hh + b
    t.expect_shape(
        "rnn_step: shape",
        out,
        (n, h),
        mistakes={(h, n): "that is the transpose; x_t @ W_xh is (N, D) @ (D, H) = (N, H)."},
    )
    t.expect_close(
        "rnn_step: values",
        out,
        np.tanh(a),
        rtol=RTOL,
        atol=ATOL,
        mistakes={
            "the recurrent weight is transposed: use h_prev @ W_hh (W_hh is stored (H_from, H_to) here, like W_xh).": np.tanh(
                x_t @ W_xh + h_prev @ W_hh.T + b
            ),
            "the tanh is missing: h_t = tanh(x_t W_xh + h_{t-1} W_hh + b).": a,
            "you used a sigmoid; the vanilla RNN squashes with tanh, which is centred on 0 and ranges over (-1, 1).": 1
            / (1 + np.exp(-a)),
            "you used ReLU; this RNN uses tanh (ReLU states can grow without bound over time).": np.maximum(a, 0),
            "the bias b is missing.": np.tanh(a - b),
            "h_prev is missing from the sum: without h_{t-1} W_hh the network has no memory.": np.tanh(x_t @ W_xh + b),
        },
    )

    # ---- a sequence -------------------------------------------------------------------------
    x = rng.normal(size=(n, steps, d))
    h0 = np.tanh(rng.normal(size=(n, h)))
    given_h0 = h0.copy()
    hs = t.call(forward, x.copy(), given_h0, W_xh.copy(), W_hh.copy(), b.copy(), hint=_layout_hint(x.shape, h0.shape))
    t.expect_unchanged("rnn_forward: h0 left unchanged", h0, given_h0, "rnn_forward")
    want = rnn_forward(x, h0, W_xh, W_hh, b)
    t.expect_shape(
        "rnn_forward: shape",
        hs,
        (n, steps, h),
        mistakes={
            (steps, n, h): "that is time-major (T, N, H); stack the states along axis 1 to get batch-first (N, T, H).",
            (n, steps + 1, h): "you included h0; return the T states h_1 … h_T, one per input step.",
            (n, h): "that is only the last state; return every state, stacked: (N, T, H).",
            (steps, h): "that is one sequence; keep the batch axis: (N, T, H).",
            (n, n, h): "you looped over range(x.shape[0]), the batch size; the number of steps is x.shape[1].",
        },
    )
    with_h0 = np.concatenate([h0[:, None], want], axis=1)
    no_memory = np.tanh(x @ W_xh + (h0 @ W_hh)[:, None] + b)
    reversed_time = rnn_forward(x[:, ::-1], h0, W_xh, W_hh, b)
    t.expect_close(
        "rnn_forward: values",
        hs,
        want,
        rtol=RTOL,
        atol=ATOL,
        mistakes={
            "every step used h0 as the previous state: carry the state forward — the h you just computed "
            "is h_prev for the next step.": no_memory,
            "off by one: hs[:, t] must be the state AFTER reading x[:, t]; you stored the state before it.": with_h0[
                :, :-1
            ],
            "you ran through time backwards; step t reads x[:, t] for t = 0, 1, …, T-1.": reversed_time,
            "you ran through time backwards and stored the states in that order; step t reads x[:, t].": reversed_time[
                :, ::-1
            ],
            "the recurrent weight is transposed: use h_prev @ W_hh.": rnn_forward(x, h0, W_xh, W_hh.T, b),
        },
    )

    # A longer sequence with N > T: a loop over the wrong axis cannot hide.
    x = rng.normal(size=(7, 3, d))
    h0 = np.zeros((7, h))
    hs = t.call(forward, x.copy(), h0.copy(), W_xh.copy(), W_hh.copy(), b.copy(), hint=_layout_hint(x.shape, h0.shape))
    t.expect_shape(
        "7 sequences of length 3: shape",
        hs,
        (7, 3, h),
        mistakes={
            (3, 7, h): "time-major output; stack along axis 1 to get (N, T, H).",
            (7, 7, h): "you looped over the batch axis; time is axis 1 of x (N, T, D): use x[:, t].",
        },
    )
    t.expect_close("7 sequences of length 3: values", hs, rnn_forward(x, h0, W_xh, W_hh, b), rtol=RTOL, atol=ATOL)


def _layout_hint(x_shape, h0_shape):
    """What a shape error inside rnn_forward usually means, with the input that caused it."""
    n, steps, d = x_shape

    def hint(exc):
        text = str(exc)
        if not any(word in text for word in ("broadcast", "shapes", "aligned", "dimension", "index")):
            return None
        return (
            f"this call passed x of shape {tuple(x_shape)} (N={n} sequences, T={steps} steps, D={d}) and h0 "
            f"{tuple(h0_shape)}. x is batch-first: the input at step t is x[:, t], shape (N, D), and there "
            f"are x.shape[1] = {steps} steps. A loop over range(x.shape[0]) taking x[t] is a time-major "
            "loop: it reads one whole sequence as if it were a step."
        )

    return hint
