"""Checker: a dense layer out = x @ W + b, and its backward pass (dx, dW, db)."""

import numpy as np

from tutor.checks import Checker, numerical_gradient


def _forward_hint(exc):
    text = str(exc)
    if "mismatch" in text or "not aligned" in text or "broadcast" in text:
        return (
            "here x is (n, in), W is (in, out) and b is (out,), so the layer is x @ W + b "
            "(no transpose: W.T would be (out, in))."
        )
    return None


def _backward_hint(exc):
    text = str(exc)
    if "mismatch" in text or "not aligned" in text or "broadcast" in text:
        return (
            "check each product's shapes: dout is (n, out) and W is (in, out), so dx = dout @ W.T "
            "(n, in) and dW = x.T @ dout (in, out)."
        )
    if "unpack" in text:
        return "dense_backward returns three arrays: (dx, dW, db)."
    return None


def _forward(t, forward, x, W, b, label):
    given = (x.copy(), W.copy(), b.copy())
    result = t.call(forward, *given, step=f"dense_forward runs ({label})", hint=_forward_hint)
    changed = [name for name, a, c in zip("xWb", given, (x, W, b), strict=True) if not np.array_equal(a, c)]
    if changed:
        # Named first: a changed x also reaches the cache, so dW would look wrong for another reason.
        t.fail(
            "inputs left unchanged",
            "property",
            f"dense_forward changed the {', '.join(changed)} it was given, in place (e.g. `x -= x.mean(0)` or "
            "`x *= ...`): the caller still needs its arrays, and the cache then holds changed values. Compute new arrays.",
        )
    if not isinstance(result, tuple) or len(result) != 2:
        t.fail(
            "dense_forward returns (out, cache)",
            "shape",
            f"dense_forward returned {type(result).__name__}"
            + (f" of length {len(result)}" if isinstance(result, tuple) else "")
            + "; return a pair `(out, cache)`, where the cache holds what backward needs (e.g. (x, W)).",
        )
    return result


def check(t: Checker) -> None:
    forward = t.function("dense_forward")
    backward = t.function("dense_backward")
    ref_forward = t.reference.dense_forward

    # ---- forward, all sizes different --------------------------------------
    n, d_in, d_out = 5, 4, 3
    x = t.rng.normal(size=(n, d_in))
    W = t.rng.normal(size=(d_in, d_out))
    b = t.rng.normal(size=d_out)
    out, cache = _forward(t, forward, x, W, b, f"x {x.shape}, W {W.shape}")
    t.passed("dense_forward returns (out, cache)", "shape")
    expected = x @ W + b
    t.expect_close(
        "forward: out = x @ W + b",
        out,
        expected,
        mistakes={
            "the bias is missing: out = x @ W + b.": x @ W,
            "the bias is subtracted: out = x @ W + b.": x @ W - b,
        },
    )

    # A square W: x @ W.T runs without error here, so name it.
    Ws = t.rng.normal(size=(d_in, d_in))
    bs = t.rng.normal(size=d_in)
    out_s, _ = _forward(t, forward, x, Ws, bs, f"x {x.shape}, W {Ws.shape}")
    t.expect_close(
        "forward with a square W",
        out_s,
        x @ Ws + bs,
        mistakes={
            "you multiplied by W.T: W is stored as (in, out), so the layer is x @ W + b (no transpose).": x @ Ws.T + bs,
        },
    )

    # ---- backward: against numerical gradients of L = sum(out * G) --------
    G = t.rng.normal(size=(n, d_out))  # dL/dout
    result = t.call(backward, G.copy(), cache, step="dense_backward runs", hint=_backward_hint)
    if not isinstance(result, tuple | list) or len(result) != 3:
        t.fail(
            "dense_backward returns (dx, dW, db)",
            "shape",
            f"dense_backward returned {type(result).__name__}; return a tuple (dx, dW, db).",
        )
    dx, dW, db = result
    shapes = [np.shape(g) for g in result]
    want = [x.shape, W.shape, (d_out,)]
    if shapes != want and sorted(shapes) == sorted(want):
        names = {x.shape: "dx", W.shape: "dW", (d_out,): "db"}
        t.fail(
            "dense_backward returns (dx, dW, db)",
            "shape",
            f"dense_backward returned arrays of shapes {shapes}, which are ({', '.join(names[s] for s in shapes)}): "
            "return them in the order (dx, dW, db).",
        )

    def loss_of(x_=x, W_=W, b_=b):
        return float(np.sum(ref_forward(x_, W_, b_)[0] * G))

    num_dx, _ = numerical_gradient(lambda v: loss_of(x_=v), x)
    num_dW, _ = numerical_gradient(lambda v: loss_of(W_=v), W)
    num_db, _ = numerical_gradient(lambda v: loss_of(b_=v), b)

    with t.part("dx"):
        t.expect_gradient(
            "dx = dout @ W.T",
            dx,
            num_dx,
            mistakes={
                "dx has the wrong sign: dx = dout @ W.T.": -(G @ W.T),
            },
        )
    with t.part("dW"):
        if isinstance(dW, np.ndarray) and dW.shape == (d_out, d_in):
            t.fail(
                "dW = x.T @ dout",
                "gradient",
                f"dW has shape {dW.shape}, the transpose of W's "
                f"{W.shape}: dW = x.T @ dout, not dout.T @ x (a gradient has the shape of its parameter).",
            )
        t.expect_gradient(
            "dW = x.T @ dout",
            dW,
            num_dW,
            batch=n,
            mistakes={
                "dW is divided by the batch size: the layer's dW is the plain sum x.T @ dout (any 1/n "
                "belongs to the loss, which already put it into dout).": x.T @ G / n,
            },
        )
    with t.part("db"):
        if np.ndim(db) == 0:
            t.fail(
                "db = dout summed over the batch",
                "gradient",
                f"db is one number ({float(np.asarray(db)):.4g}): you summed dout over everything (np.sum(dout)). "
                f"b has one entry per output unit, so sum over the batch only: dout.sum(axis=0), shape ({d_out},).",
            )
        if isinstance(db, np.ndarray) and db.shape != (d_out,):
            if db.shape == (n,):
                message = (
                    f"db has shape {db.shape}: you summed over axis 1 (the features). db sums "
                    "dout over the batch: dout.sum(axis=0), shape (out,)."
                )
            elif db.shape == (1, d_out):
                message = (
                    f"db has shape {db.shape}: drop keepdims=True — b has shape (out,), and a "
                    "gradient has the shape of its parameter."
                )
            elif db.shape == (n, d_out):
                message = (
                    f"db has shape {db.shape}: that is dout itself. Each sample contributed to "
                    "the same b, so sum over the batch: dout.sum(axis=0)."
                )
            else:
                message = f"db has shape {db.shape}; it should have b's shape ({d_out},)."
            t.fail("db = dout summed over the batch", "gradient", message)
        t.expect_gradient(
            "db = dout summed over the batch",
            db,
            num_db,
            batch=n,
            mistakes={
                "db is the mean of dout over the batch; the layer's db is the plain sum dout.sum(axis=0) "
                "(any 1/n belongs to the loss, which already put it into dout).": G.mean(axis=0),
            },
        )

    if t.failed:
        return
    # ---- a square case, where a wrong axis or a missing transpose keeps the shape
    m = d_in
    xs = t.rng.normal(size=(m, m))
    Wq = t.rng.normal(size=(m, m))
    bq = t.rng.normal(size=m)
    Gs = t.rng.normal(size=(m, m))
    _, cache_s = _forward(t, forward, xs, Wq, bq, f"x {xs.shape}, W {Wq.shape}")
    result = t.call(backward, Gs.copy(), cache_s, step="dense_backward runs", hint=_backward_hint)
    dxs, dWs, dbs = result
    with t.part("square shapes"):
        t.expect_close(
            "dx",
            dxs,
            Gs @ Wq.T,
            rtol=1e-7,
            atol=1e-9,
            mistakes={
                "dx = dout @ W is missing the transpose: dx = dout @ W.T.": Gs @ Wq,
            },
        )
        t.expect_close(
            "dW",
            dWs,
            xs.T @ Gs,
            rtol=1e-7,
            atol=1e-9,
            mistakes={
                "dW = dout.T @ x is the transpose of the right answer: dW = x.T @ dout.": Gs.T @ xs,
                "dW = x @ dout is missing the transpose of x: dW = x.T @ dout.": xs @ Gs,
            },
        )
        t.expect_close(
            "db",
            dbs,
            Gs.sum(axis=0),
            rtol=1e-7,
            atol=1e-9,
            mistakes={
                "db summed over axis 1 (the features); sum dout over the batch: dout.sum(axis=0).": Gs.sum(axis=1),
            },
        )

    before = (x.copy(), W.copy(), b.copy(), G.copy())
    xx, WW, bb = x.copy(), W.copy(), b.copy()
    out3, cache3 = t.call(forward, xx, WW, bb, step="dense_forward runs (inputs untouched)")
    GG = G.copy()
    t.call(backward, GG, cache3, step="dense_backward runs")
    t.expect(
        "inputs left unchanged",
        all(np.array_equal(a, c) for a, c in zip((xx, WW, bb, GG), before, strict=True)),
        "dense_forward or dense_backward modified x, W, b or dout in place; compute new arrays.",
        kind="property",
    )
