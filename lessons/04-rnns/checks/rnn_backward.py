"""Checker: backpropagation through time for the vanilla RNN, against central differences.

L = sum(hs * dhs) for a random upstream gradient dhs makes each numerical gradient exactly the
vector-Jacobian product the learner's backward must return. float64, tiny sizes: milliseconds.
"""

import numpy as np
from _common import rnn_backward, rnn_forward

from tutor.checks import Checker, numerical_gradient

NAMES = ("dx", "dh0", "dW_xh", "dW_hh", "db")


def mistakes_for(name, k, dhs, x, h0, hs, W_xh, W_hh):
    def wrong(**kw):
        return rnn_backward(dhs, x, h0, hs, W_xh, W_hh, **kw)[k]

    table = {
        "the gradient from later steps is missing: h_t affects the loss directly AND through "
        "h_{t+1}, h_{t+2}, …, so dh_t = dhs[:, t] + (the gradient flowing back from step t+1).": wrong(future=False),
        "tanh'(a) is 1 - tanh(a)² = 1 - h², not 1 - h.": wrong(deriv="1-h"),
        "you applied tanh to h again: h is already tanh(a), so tanh'(a) = 1 - h², not 1 - tanh(h)².": wrong(
            deriv="1-tanh(h)^2"
        ),
    }
    if np.any(dhs[:, :-1]):
        last = dhs.copy()
        last[:, :-1] = 0.0
        table[
            "only the last step's upstream gradient was used: here the loss reaches EVERY hidden "
            "state, so at each step dh_t = dhs[:, t] + (the gradient flowing back from step t+1), "
            "not just dhs[:, -1] at the end (that is the many-to-one special case)."
        ] = rnn_backward(last, x, h0, hs, W_xh, W_hh)[k]
    if name in ("dW_hh",):
        table[
            "off by one: step t multiplied W_hh by the PREVIOUS state h_{t-1} (h0 at t = 0), so "
            "dW_hh += h_{t-1}.T @ da_t, not h_t.T @ da_t."
        ] = wrong(prev="h_t")
    if name in ("dx", "dh0", "dW_xh", "dW_hh", "db"):
        table[
            "the gradient passed back to h_{t-1} is da_t @ W_hh.T (the transpose of the forward "
            "h_{t-1} @ W_hh), not da_t @ W_hh."
        ] = wrong(dh_through="W_hh")
    if name in ("dW_xh", "dW_hh", "db"):
        table[
            "only one time step counted: the same weights are used at every step, so their gradients "
            "are SUMS over t — accumulate with +=."
        ] = wrong(accumulate=False)
    return table


def check_case(t, backward, label, n, steps, d, h, last_only):
    rng = t.rng
    x = rng.normal(size=(n, steps, d))
    h0 = np.tanh(rng.normal(size=(n, h)))
    W_xh = rng.normal(scale=0.6, size=(d, h))
    W_hh = rng.normal(scale=0.6, size=(h, h))
    b = rng.normal(scale=0.3, size=h)
    hs = rnn_forward(x, h0, W_xh, W_hh, b)
    dhs = rng.normal(size=hs.shape)
    if last_only:
        dhs[:, :-1] = 0.0
    result = t.call(backward, dhs.copy(), x.copy(), h0.copy(), hs.copy(), W_xh.copy(), W_hh.copy())
    if not isinstance(result, tuple | list) or len(result) != 5:
        t.fail(
            f"{label}: returns 5 gradients",
            "shape",
            "rnn_backward should return the tuple (dx, dh0, dW_xh, dW_hh, db); got "
            + (f"{len(result)} values" if isinstance(result, tuple | list) else type(result).__name__),
        )
    inputs = {"dx": x, "dh0": h0, "dW_xh": W_xh, "dW_hh": W_hh, "db": b}

    def loss_for(key):
        def loss(v):
            args = dict(x=x, h0=h0, W_xh=W_xh, W_hh=W_hh, b=b)
            args[{"dx": "x", "dh0": "h0", "dW_xh": "W_xh", "dW_hh": "W_hh", "db": "b"}[key]] = v
            return float(np.sum(rnn_forward(**args) * dhs))

        return loss

    for key in ("db", "dW_xh", "dW_hh", "dx", "dh0"):
        k = NAMES.index(key)
        numeric, _ = numerical_gradient(loss_for(key), inputs[key])
        got = result[k]
        if isinstance(got, np.ndarray) and got.shape != numeric.shape and got.size == numeric.size and key == "db":
            t.fail(f"{label}: {key}", "gradient", f"db has shape {got.shape}; give it b's shape {numeric.shape}.")
        if key == "dh0" and isinstance(got, np.ndarray) and got.shape == numeric.shape and not np.any(got):
            t.fail(
                f"{label}: dh0",
                "gradient",
                "dh0 is all zeros, but h0 feeds step 0 through W_hh: dh0 is the gradient you would "
                "pass on to 'step -1' — da_0 @ W_hh.T, i.e. what is left in dh_next after the loop.",
            )
        t.expect_gradient(
            f"{label}: {key}",
            got,
            numeric,
            mistakes=mistakes_for(key, k, dhs, x, h0, hs, W_xh, W_hh),
            batch=n,  # a factor of N is a mean over the batch, not a ½ from a square
        )


def check(t: Checker) -> None:
    backward = t.function("rnn_backward")
    check_case(t, backward, "loss on every step", n=2, steps=4, d=3, h=4, last_only=False)
    check_case(t, backward, "loss on the last step only", n=3, steps=6, d=2, h=3, last_only=True)
