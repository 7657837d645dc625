"""Checker: a two-layer NumPy network (ReLU hidden layer) trained with mini-batch SGD on 8×8 digits.

Order: parameters and their shapes; forward on parameters the checker sets;
the loss; one full-batch epoch, which must be exactly one SGD step (so each
parameter's update reveals the gradient the learner computed); then real
training on the digits, judged by held-out accuracy.
"""

import contextlib
import io

import numpy as np

from tutor.checks import Checker
from tutor.datasets import load_digits, split

IN, HIDDEN, OUT = 64, 32, 10
EPOCHS, LR, BATCH, TRAIN_HIDDEN = 30, 0.05, 16, 64
TARGET_ACCURACY = 0.90  # the reference reaches 0.94-0.98 across seeds


def _relu(z):
    return np.maximum(z, 0.0)


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _loss(logits, Y):
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-(Y * log_p).sum() / len(logits))


def _params(net):
    return {name: getattr(net, name, None) for name in ("W1", "b1", "W2", "b2")}


def _set(net, params):
    for name, value in params.items():
        setattr(net, name, value.copy())


def _grads(P, X, Y, relu_mask=True, use_hidden=True):
    """Gradients of the mean cross-entropy (and of two classic wrong backward passes)."""
    z1 = X @ P["W1"] + P["b1"]
    h = _relu(z1)
    logits = h @ P["W2"] + P["b2"]
    d = (_softmax(logits) - Y) / len(X)
    dW2 = (h if use_hidden else z1).T @ d
    db2 = d.sum(axis=0)
    dh = d @ P["W2"].T
    dz1 = dh * (z1 > 0) if relu_mask else dh
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": dW2, "b2": db2}


def _train_hint(exc):
    text = str(exc)
    if "broadcast" in text or "mismatch" in text or "not aligned" in text:
        return (
            "a shape does not match inside train: each gradient must have its parameter's shape "
            "(dW1 (in, h), db1 (h,), dW2 (h, out), db2 (out,)); biases sum over the batch, axis=0."
        )
    if "index" in text and "out of bounds" in text:
        return "train receives integer labels y (n,); build the one-hot targets with np.eye(output_size)[y]."
    return None


def check(t: Checker) -> None:
    Net = t.function("NeuralNetwork")
    rng = t.rng
    net = t.call(Net, IN, HIDDEN, OUT, step="NeuralNetwork(64, 32, 10) runs")
    _check_parameters(t, net)
    expected = _check_forward(t, net, rng)
    _check_loss(t, net, rng, expected)
    digits_X, digits_y = load_digits()
    digits_X = digits_X / 16.0
    Xs, ys = _check_sgd_step(t, net, rng, digits_X, digits_y)
    _check_loss_history(t, net, Xs, ys)
    _check_epoch_mean_and_quiet(t, net, Xs, ys)
    _check_shuffles(t, net, rng, Xs, ys)
    _check_training(t, Net, digits_X, digits_y)


def _check_parameters(t: Checker, net) -> None:
    """W1, b1, W2, b2 exist with their shapes; the weights random and on a sensible scale."""
    params = _params(net)
    shapes = {"W1": (IN, HIDDEN), "b1": (HIDDEN,), "W2": (HIDDEN, OUT), "b2": (OUT,)}
    for name, shape in shapes.items():
        if params[name] is None:
            t.fail(
                f"{name} exists",
                "shape",
                f"the network has no attribute `{name}`; keep the parameters in self.W1, self.b1, self.W2, self.b2.",
            )
        t.expect_array(f"{name} shape", params[name], shape=shape)
    for name in ("W1", "W2"):
        w = params[name]
        t.expect(
            f"{name} initialised randomly",
            np.ptp(w) > 0,
            f"every entry of {name} is {float(w.flat[0])!r}: with identical weights every hidden unit computes "
            "the same thing and gets the same update, forever. Initialise weights randomly "
            "(e.g. np.random.randn(in, h) * np.sqrt(2 / in)); biases may start at zero.",
        )
    std = float(params["W1"].std())
    t.expect(
        "W1 has a sensible scale",
        std < 0.5,
        f"W1 has standard deviation {std:.3g}: far too large for 64 inputs (the network starts "
        "with huge logits and training is erratic). Scale it: np.random.randn(in, h) * np.sqrt(2 / in) "
        "(≈ 0.18 here) or * 0.01.",
    )


def _check_forward(t: Checker, net, rng):
    """forward on parameters the checker sets gives the logits relu(X @ W1 + b1) @ W2 + b2; returns them."""
    P = {
        "W1": rng.normal(size=(IN, HIDDEN)) * 0.3,
        "b1": rng.normal(size=HIDDEN) * 0.5,
        "W2": rng.normal(size=(HIDDEN, OUT)) * 0.3,
        "b2": rng.normal(size=OUT) * 0.5,
    }
    X = rng.uniform(0, 1, size=(8, IN))
    _set(net, P)
    logits = t.call(net.forward, X.copy(), step="forward runs")
    z1 = X @ P["W1"] + P["b1"]
    expected = _relu(z1) @ P["W2"] + P["b2"]
    t.expect_close(
        "forward: logits",
        logits,
        expected,
        rtol=1e-6,
        atol=1e-9,
        mistakes={
            "the ReLU between the layers is missing: without it two linear layers collapse into one. "
            "forward is relu(X @ W1 + b1) @ W2 + b2.": z1 @ P["W2"] + P["b2"],
            "the hidden activation should be ReLU, not sigmoid.": (1 / (1 + np.exp(-z1))) @ P["W2"] + P["b2"],
            "the hidden activation should be ReLU, not tanh.": np.tanh(z1) @ P["W2"] + P["b2"],
            "forward returned softmax probabilities; it should return the logits (the softmax belongs "
            "to the loss).": _softmax(expected),
            "forward applies a ReLU to the output too; the output layer is linear (logits can be negative).": _relu(
                expected
            ),
            "b1 is missing from the hidden layer.": _relu(X @ P["W1"]) @ P["W2"] + P["b2"],
            "b2 is missing from the output layer.": _relu(z1) @ P["W2"],
        },
    )
    return expected


def _check_loss(t: Checker, net, rng, expected) -> None:
    """compute_loss is the mean cross-entropy, and stays exact (no overflow, no clipping) for huge logits."""
    y = rng.integers(0, OUT, size=8)
    Y = np.eye(OUT)[y]
    want = _loss(expected, Y)
    got = t.call(net.compute_loss, Y.copy(), expected.copy(), step="compute_loss runs")
    t.expect_scalar(
        "compute_loss",
        got,
        want,
        batch=8,
        mistakes={
            "compute_loss summed over the batch; it should be the mean (divide by n).": want * 8,
            "compute_loss averaged over the classes too; sum over classes, average over samples.": want / OUT,
            "compute_loss is negative: a minus sign is missing (-log p).": -want,
        },
    )
    big = expected * 400.0
    got = t.call(net.compute_loss, Y.copy(), big.copy(), step="compute_loss runs")
    value = np.asarray(got, dtype=float).reshape(-1)[0] if np.size(got) == 1 else None
    if value is not None and not np.isfinite(value):
        t.fail(
            "compute_loss, large logits",
            "value",
            f"compute_loss gave {value} for logits in the hundreds: exp overflowed or log(0). "
            "Subtract each row's maximum and use log-probabilities (log-sum-exp).",
        )
    want_big = _loss(big, Y)
    if value is not None and 0 <= value < 0.5 * want_big:
        t.fail(
            "compute_loss, large logits",
            "value",
            f"compute_loss gave {value:.4g} for logits in the hundreds, where the mean cross-entropy is "
            f"{want_big:.4g}: the loss is capped, as when the probabilities are clipped or an epsilon is "
            "added before the log (np.log(p + 1e-7), np.clip(p, 1e-7, 1 - 1e-7)) — a confidently wrong "
            "sample then costs only about -log(eps). Compute log-probabilities directly: z - max - "
            "log(sum(exp(z - max))) (log-sum-exp), with no clipping.",
            expected=want_big,
            got=value,
        )
    t.expect_scalar("compute_loss, large logits", got, want_big, rtol=1e-6)


def _check_sgd_step(t: Checker, net, rng, digits_X, digits_y):
    """One full-batch epoch is one SGD step: each parameter moves by learning_rate times its gradient.

    Returns the batch it used, for the next check.
    """
    pick = rng.choice(len(digits_X), size=24, replace=False)
    Xs, ys = digits_X[pick], digits_y[pick]
    Ys = np.eye(OUT)[ys]
    P = {
        "W1": rng.normal(size=(IN, HIDDEN)) * 0.2,
        "b1": rng.normal(size=HIDDEN) * 0.1,
        "W2": rng.normal(size=(HIDDEN, OUT)) * 0.3,
        "b2": rng.normal(size=OUT) * 0.1,
    }
    lr = 0.5
    _set(net, P)
    t.call(
        net.train,
        Xs.copy(),
        ys.copy(),
        epochs=1,
        learning_rate=lr,
        batch_size=len(Xs),
        verbose=False,
        step="train runs (one epoch, one batch)",
        hint=_train_hint,
    )
    after = _params(net)
    changed = {name: not np.array_equal(np.asarray(after[name]), P[name]) for name in P}
    if not any(changed.values()):
        t.fail(
            "one epoch with batch_size = n is one SGD step",
            "gradient",
            "train did not change any parameter. Update them in place or reassign the attributes "
            "(self.W1 -= lr * dW1); a local copy (W1 = self.W1; W1 = W1 - lr * dW1) is lost. Also "
            "check that the batch loop runs: range(0, n, batch_size), not range(0, n - batch_size, ...).",
        )
    good = _grads(P, Xs, Ys)
    no_mask = _grads(P, Xs, Ys, relu_mask=False)
    pre_act = _grads(P, Xs, Ys, use_hidden=False)
    n = len(Xs)
    implied = np.concatenate([((P[k] - np.asarray(after[k], dtype=float)) / lr).ravel() for k in P])
    right = np.concatenate([good[k].ravel() for k in P])
    c = float(implied @ right / (right @ right))
    if (
        np.linalg.norm(implied - c * right) < 1e-6 * np.linalg.norm(implied)
        and min(abs(c - 1), abs(c - n), abs(c + 1)) > 1e-3
    ):
        t.fail(
            "one epoch with batch_size = n is one SGD step",
            "gradient",
            f"every parameter moved {c:.4g}× as far as one step of learning_rate={lr} would: the "
            "direction is right, the step size is not. Use the learning_rate argument as given "
            f"(your code behaves like learning_rate={lr * c:.4g}), with no extra factor.",
        )
    for name in ("W2", "b2", "W1", "b1"):
        if not changed[name]:
            t.fail(
                f"update of {name}",
                "gradient",
                f"train changed the other parameters but not {name}: "
                f"update it too ({name} -= learning_rate * d{name}).",
            )
        got_step = (P[name] - np.asarray(after[name], dtype=float)) / lr
        mistakes = {
            f"the update of {name} is n = {n} times too large: the loss is a mean over the batch, so the "
            "gradient at the logits is (softmax - one_hot) / n.": n * good[name],
            f"{name} moved uphill: gradient descent subtracts, {name} -= learning_rate * d{name}.": -good[name],
        }
        if name in ("W1", "b1"):
            mistakes[
                f"the gradient for {name} ignores the ReLU: multiply the backpropagated gradient by "
                "the ReLU's derivative, (z1 > 0), before computing dW1 and db1."
            ] = no_mask[name]
        if name == "W2":
            mistakes[
                "dW2 uses the hidden pre-activations z1; it needs the ReLU outputs h = relu(z1): dW2 = h.T @ dlogits."
            ] = pre_act[name]
        t.expect_close(
            f"update of {name} (implied gradient = change / learning_rate)",
            got_step,
            good[name],
            rtol=1e-5,
            atol=1e-9,
            batch=n,
            mistakes=mistakes,
        )
    t.passed("one epoch with batch_size = n is one SGD step", "gradient")
    return Xs, ys


def _check_loss_history(t: Checker, net, Xs, ys) -> None:
    """train returns one finite mean loss per epoch."""
    history = t.call(
        net.train,
        Xs.copy(),
        ys.copy(),
        epochs=2,
        learning_rate=0.01,
        batch_size=8,
        verbose=False,
        step="train runs (two epochs)",
        hint=_train_hint,
    )
    ok = (
        isinstance(history, list | tuple | np.ndarray)
        and len(history) == 2
        and all(isinstance(v, int | float | np.number) and np.isfinite(float(v)) for v in history)
    )
    shown = (
        history
        if not isinstance(history, list | tuple)
        else [float(v) if isinstance(v, int | float | np.number) else v for v in history]
    )
    t.expect(
        "train returns one loss per epoch",
        ok,
        f"train(..., epochs=2) returned {shown!r:.80}; return a list with the mean training loss of each epoch.",
        kind="run",
    )


def _forward(P, X):
    return _relu(X @ P["W1"] + P["b1"]) @ P["W2"] + P["b2"]


def _check_epoch_mean_and_quiet(t: Checker, net, Xs, ys) -> None:
    """With learning_rate = 0 nothing moves, so each epoch's mean loss is the loss on all of Xs.

    A last-batch loss is then the loss of one batch (which batch depends on the shuffle),
    and anything printed with verbose=False is caught here too.
    """
    P = {name: np.asarray(value, dtype=float).copy() for name, value in _params(net).items()}
    Ys = np.eye(OUT)[ys]
    batch = len(Xs) // 3  # three equal batches: the mean of batch means is the mean over samples
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        history = t.call(
            net.train,
            Xs.copy(),
            ys.copy(),
            epochs=2,
            learning_rate=0.0,
            batch_size=batch,
            verbose=False,
            step="train runs (learning_rate = 0)",
            hint=_train_hint,
        )
    text = printed.getvalue().strip()
    t.expect(
        "train prints nothing when verbose=False",
        not text,
        f"train(..., verbose=False) printed {text.splitlines()[0] if text else ''!r:.80}; "
        "print progress only `if verbose:`.",
        kind="property",
    )
    whole = _loss(_forward(P, Xs), Ys)
    got = [float(v) for v in history]
    if all(abs(v - whole) <= 1e-6 * abs(whole) + 1e-9 for v in got):
        t.passed("each epoch's loss is the mean over the epoch", "value")
        return
    message = (
        f"with learning_rate=0 the parameters never move, so each epoch's mean loss is the loss on all "
        f"{len(Xs)} samples, {whole:.6g}; train returned {[round(v, 6) for v in got]}."
    )
    pieces = [_loss(_forward(P, Xs[i : i + 1]), Ys[i : i + 1]) for i in range(len(Xs))]
    if all(min(pieces) - 1e-9 <= v <= max(pieces) + 1e-9 for v in got) and any(
        abs(v - whole) > 1e-6 * abs(whole) for v in got
    ):
        message += (
            f" That is the loss of one batch of {batch}, not the epoch's mean (the last batch's loss?): "
            "add up each batch's loss times its size and divide by n at the end of the epoch."
        )
    t.fail("each epoch's loss is the mean over the epoch", "value", message)


def _check_shuffles(t: Checker, net, rng, Xs, ys) -> None:
    """One epoch in mini-batches must not equal SGD over the batches in their given order."""
    P = {
        "W1": rng.normal(size=(IN, HIDDEN)) * 0.2,
        "b1": rng.normal(size=HIDDEN) * 0.1,
        "W2": rng.normal(size=(HIDDEN, OUT)) * 0.3,
        "b2": rng.normal(size=OUT) * 0.1,
    }
    Ys = np.eye(OUT)[ys]
    lr, batch = 0.5, len(Xs) // 3
    in_order = {name: value.copy() for name, value in P.items()}
    for start in range(0, len(Xs), batch):
        grads = _grads(in_order, Xs[start : start + batch], Ys[start : start + batch])
        for name in in_order:
            in_order[name] -= lr * grads[name]
    _set(net, P)
    t.call(
        net.train,
        Xs.copy(),
        ys.copy(),
        epochs=1,
        learning_rate=lr,
        batch_size=batch,
        verbose=False,
        step="train runs (one epoch, three batches)",
        hint=_train_hint,
    )
    after = _params(net)
    same = all(np.allclose(np.asarray(after[name], dtype=float), in_order[name], rtol=1e-7, atol=1e-10) for name in P)
    t.expect(
        "train shuffles the samples every epoch",
        not same,
        "train visited the samples in their given order (the same batches every epoch); shuffle "
        "first in each epoch, e.g. order = np.random.permutation(n), then take X[order[start:start + batch_size]].",
        kind="property",
    )


def _reference_curve(t: Checker, X_train, y_train, Y_train) -> list:
    """The reference network's loss per epoch; the global NumPy random state is restored after it."""
    state = np.random.get_state()
    reference = []
    try:
        np.random.seed(t.seed % 2**32)
        ref_net = t.reference.NeuralNetwork(IN, TRAIN_HIDDEN, OUT)
        for _ in range(EPOCHS):
            ref_net.train(X_train, y_train, epochs=1, learning_rate=LR, batch_size=BATCH)
            reference.append(_loss(ref_net.forward(X_train), Y_train))
    finally:
        np.random.set_state(state)
    return reference


def _check_training(t: Checker, Net, digits_X, digits_y) -> None:
    """Training on the digits reaches the held-out accuracy target."""
    X_train, X_test, y_train, y_test = split(digits_X, digits_y, 0.25, seed=t.seed % 2**32)
    Y_train = np.eye(OUT)[y_train]

    reference = _reference_curve(t, X_train, y_train, Y_train)

    model = t.call(Net, IN, TRAIN_HIDDEN, OUT, step="NeuralNetwork(64, 64, 10) runs")

    def epoch(i):
        model.train(X_train, y_train, epochs=1, learning_rate=LR, batch_size=BATCH, verbose=False)
        return _loss(np.asarray(model.forward(X_train), dtype=float), Y_train)

    def accuracy():
        return float(np.mean(np.argmax(model.forward(X_test), axis=1) == y_test))

    t.converge(
        f"{EPOCHS} epochs on 8×8 digits (lr {LR}, batch {BATCH}): held-out accuracy",
        epoch,
        steps=EPOCHS,
        target=TARGET_ACCURACY,
        goal="above",
        final=accuracy,
        metric="loss",
        reference=reference,
        budget_s=15,
    )
