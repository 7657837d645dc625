"""Checker: Rosenblatt's rule replayed exactly (mistakes named by replaying them), convergence on a
separable set, a mistake in every epoch on XOR, and a lifting feature that makes XOR learnable."""

import numpy as np

from tutor.checks import Checker

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


def _train(
    X,
    y,
    epochs,
    lr,
    *,
    ge=False,
    bias=True,
    sign=1,
    use_lr=True,
    stop=True,
    batch=False,
    push_zeros=True,
    cumulative=False,
):
    """The perceptron rule with switchable mistakes (the defaults are the rule itself)."""
    w, b, errors, total = np.zeros(X.shape[1]), 0.0, [], 0
    step = lr if use_lr else 1.0
    for _ in range(epochs):
        mistakes, dw, db = 0, np.zeros_like(w), 0.0
        for x_i, y_i in zip(X, y, strict=True):
            z = x_i @ w + b
            y_hat = 1 if (z >= 0 if ge else z > 0) else 0
            if y_hat != y_i:
                mistakes += 1
                delta = sign * (y_i - y_hat) if push_zeros else y_i
                if batch:
                    dw, db = dw + step * delta * x_i, db + step * delta
                else:
                    w, b = w + step * delta * x_i, (b + step * delta if bias else b)
        if batch:
            w, b = w + dw, (b + db if bias else b)
        total += mistakes
        errors.append(total if cumulative else mistakes)
        if stop and mistakes == 0:
            break
    return w, b, errors


VARIANTS = {
    "your step fires at z = 0 (`>=`); the perceptron predicts 1 only when x·w + b > 0 — and with zero "
    "weights every first prediction sits exactly at z = 0.": {"ge": True},
    "the bias never changes: update it with the weights, b += lr·(y − ŷ) (it is the weight of a constant input 1).": {
        "bias": False
    },
    "the update has the wrong sign: on a mistake move TOWARDS the right answer, w += lr·(y − ŷ)·x (not ŷ − y).": {
        "sign": -1
    },
    "the learning rate is ignored: scale each update by lr, w += lr·(y − ŷ)·x.": {"use_lr": False},
    "training went on after an epoch with no mistakes: stop after the first clean epoch (its 0 is the last "
    "entry of errors).": {"stop": False},
    "you added up the corrections over the epoch and applied them at its end (a batch update); the perceptron "
    "rule updates right after each misclassified sample, so the next sample already sees the new weights.": {
        "batch": True
    },
    "a mistake on a sample labelled 0 does not push the weights away: the correction is (y − ŷ)·x, which is "
    "−x for a false 1 — `w += lr * y * x` only ever moves towards the 1s (that form needs labels −1/+1).": {
        "push_zeros": False
    },
    "errors should count the mistakes of each epoch on its own; yours is a running total.": {"cumulative": True},
}


def _separable(rng, n=40, d=3, margin=0.05):
    w_true = rng.normal(size=d)
    w_true /= np.linalg.norm(w_true)
    b_true = float(rng.uniform(1.0, 2.0))
    X = []
    while len(X) < n:
        x = rng.normal(size=d) * 2
        if abs(x @ w_true + b_true) > margin:
            X.append(x)
    X = np.array(X)
    return X, (X @ w_true + b_true > 0).astype(np.int64)


def _unpack(t, out, d, name):
    if not (isinstance(out, tuple | list) and len(out) == 3):
        t.fail(
            f"{name}: returns (w, b, errors)",
            "shape",
            f"expected a triple (w, b, errors), got {type(out).__name__}"
            + (f" of length {len(out)}" if isinstance(out, tuple | list) else "")
            + ".",
        )
    w, b, errors = out
    t.expect_array(f"{name}: w", w, shape=(d,))
    if isinstance(b, np.ndarray):
        # The task promises "b as a float"; np.zeros(1) keeps it an array of shape (1,).
        t.fail(
            f"{name}: b is a number",
            "shape",
            f"b should be a float, but you returned a NumPy array of shape {b.shape} ({b!r:.60}); "
            "start from b = 0.0 (not np.zeros(1)) or return float(b).",
        )
    try:
        b = float(np.asarray(b).reshape(()))
    except (TypeError, ValueError):
        t.fail(
            f"{name}: b is a number",
            "shape",
            f"b should be one float, got {type(b).__name__} {np.shape(b)} — keep the bias apart from w.",
        )
    if not isinstance(errors, list | tuple | np.ndarray) or np.ndim(errors) != 1:
        t.fail(f"{name}: errors", "shape", f"errors should be a list of per-epoch mistake counts, got {errors!r:.80}")
    return np.asarray(w, dtype=float), b, [int(e) for e in errors]


def check(t: Checker) -> None:
    train = t.function("perceptron_train")
    with t.part("a linearly separable set"):
        X, y = _separable(t.rng)
        lr = 0.5
        X_given = X.copy()
        out = t.call(train, X_given, y.copy(), 100, lr)
        w, b, errors = _unpack(t, out, X.shape[1], "separable set")
        if not np.array_equal(X_given, X):
            # Checked first: a corrupted X also corrupts every later prediction.
            t.fail(
                "separable set: X left unchanged",
                "value",
                "perceptron_train changed the X it was given. Something you update in place is a view "
                "into X (e.g. `w = X[0]` then `w *= 0` / `w += ...`): start from a new array, w = np.zeros(d).",
            )
        w_ref, b_ref, err_ref = _train(X, y, 100, lr)
        same = (
            len(errors) == len(err_ref)
            and errors == err_ref
            and np.allclose(w, w_ref, atol=1e-9)
            and abs(b - b_ref) < 1e-9
        )
        if not same:
            for message, kw in VARIANTS.items():
                w_v, b_v, err_v = _train(X, y, 100, lr, **kw)
                if errors == err_v and np.allclose(w, w_v, atol=1e-9) and abs(b - b_v) < 1e-9:
                    t.fail("separable set: the rule, step by step", "value", message)
            if errors != err_ref:
                t.fail(
                    "separable set: the rule, step by step",
                    "value",
                    f"mistakes per epoch: expected {err_ref}, got {errors}. Start from w = 0, b = 0, visit the "
                    "samples in the given order (no shuffling), predict with z > 0, and update only on a mistake: "
                    "w += lr·(y − ŷ)·x, b += lr·(y − ŷ).",
                )
            t.fail(
                "separable set: the rule, step by step",
                "value",
                f"the mistakes per epoch are right ({errors}) but the final weights differ: expected "
                f"w = {np.round(w_ref, 4).tolist()}, b = {b_ref:.4g}; got w = {np.round(w, 4).tolist()}, b = {b:.4g}. "
                "Scale both updates by lr, and return the weights as they are after the last update.",
            )
        t.passed(
            "separable set: the rule, step by step",
            "value",
            f"converged in {len(errors)} epochs, mistakes per epoch {errors}",
        )
        wrong = int(np.sum((X @ w + b > 0).astype(int) != y))
        t.expect(
            "separable set: every sample right at the end",
            wrong == 0,
            f"{wrong} samples are still misclassified by the returned w, b.",
        )

    with t.part("XOR"):
        epochs = 25
        out = t.call(train, XOR_X.copy(), XOR_Y.copy(), epochs, 1.0, step="perceptron_train runs on XOR")
        w, b, errors = _unpack(t, out, 2, "XOR")
        if 0 in errors:
            t.fail(
                "XOR: a mistake in every epoch",
                "value",
                f"your errors on XOR contain a 0 ({errors}), i.e. an epoch in which one straight line put all four "
                "XOR points on their right sides. No such line exists (the lesson proves it), so the count of "
                "mistakes is wrong: count every sample whose prediction was wrong before its update.",
            )
        t.expect(
            "XOR: a mistake in every epoch",
            len(errors) == epochs,
            f"on XOR the rule can never have a clean epoch, so it must run all {epochs} epochs; yours stopped "
            f"after {len(errors)} ({errors}). Stop only after an epoch with 0 mistakes.",
        )
        wrong = int(np.sum((XOR_X @ w + b > 0).astype(int) != XOR_Y))
        t.note(
            f"on XOR the perceptron made {errors[-5:]} mistakes in its last epochs and still gets {wrong} of 4 "
            "wrong: no line separates XOR."
        )

    with t.part("xor_lift"):
        lift = t.function("xor_lift")
        order = t.rng.permutation(4)
        X4 = XOR_X[order]
        out = t.call(lift, X4.copy())
        if not isinstance(out, np.ndarray) or out.ndim != 2 or out.shape[0] != 4 or out.shape[1] < 3:
            t.fail(
                "xor_lift: shape (4, 2 + k)",
                "shape",
                f"expected a (4, 2 + k) array with k >= 1 extra columns, got "
                f"{type(out).__name__} {getattr(out, 'shape', '')}: append features to X, e.g. np.column_stack.",
            )
        t.passed("xor_lift: shape (4, 2 + k)", "shape", f"{out.shape[1] - 2} extra feature(s)")
        t.expect(
            "xor_lift: keeps x1, x2 as the first columns",
            np.allclose(out[:, :2], X4),
            "the first two columns must be X itself, row for row; append the new features after them.",
        )
        lifted = np.asarray(out, dtype=float)
        extra = lifted[:, 2:]
        A = np.column_stack([X4, np.ones(4)])
        if np.allclose(A @ np.linalg.lstsq(A, extra, rcond=None)[0], extra):
            t.fail(
                "xor_lift: XOR becomes separable",
                "value",
                "your extra feature is a linear function of x1 and x2 (such as x1 + x2): a perceptron can already "
                "form any such combination, so it adds nothing and XOR stays inseparable. It needs a nonlinear "
                "feature — one that is not a weighted sum of x1, x2 and a constant.",
            )
        w, b, errors = _train(lifted, XOR_Y[order], 200, 1.0)
        t.expect(
            "xor_lift: XOR becomes separable",
            errors[-1] == 0,
            f"the perceptron trained on your lifted X still made mistakes after 200 epochs ({errors[-3:]}): "
            "the new feature must put XOR's two classes on opposite sides of a plane. What do (0, 0) and "
            "(1, 1) have in common that (0, 1) and (1, 0) do not?",
        )
        t.note(
            f"with your features the perceptron learned XOR in {len(errors)} epochs: w = "
            f"{np.round(w, 3).tolist()}, b = {b:.3g}. A hidden layer learns such features instead of being given them."
        )
