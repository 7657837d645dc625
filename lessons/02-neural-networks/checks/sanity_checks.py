"""Checker: the learner's three sanity checks, run on healthy tiny models and on models with a planted
bug (a last layer initialised too large, a wrong tanh slope, a gradient summed not averaged, a missing
bias gradient, a step that goes uphill, a learning rate far too small). Each check must pass the healthy
model, catch its own bug, and leave the model as it found it."""

import numpy as np

from tutor.checks import Checker

D, H = 5, 16


class TinyMLP:
    """x -> tanh(x W1 + b1) W2 + b2 -> softmax cross-entropy, with switchable planted bugs."""

    def __init__(self, rng, c, *, init_scale=0.01, backward="ok", step="ok", lr=1.0, hidden=H):
        self.params = [
            rng.normal(size=(D, hidden)) / np.sqrt(D),
            np.zeros(hidden),
            rng.normal(size=(hidden, c)) * init_scale,
            np.zeros(c),
        ]
        self.backward, self.step_kind, self.lr = backward, step, lr
        self.steps_taken = 0
        self.bad_entry = (int(rng.integers(D)), int(rng.integers(hidden)))  # for backward="one_entry"
        # Whether loss() ever saw the params differ from `watch` (a nudge that reached the model).
        self.watch, self.loss_calls, self.saw_nudge = None, 0, False

    def _forward(self, X):
        W1, b1, W2, b2 = self.params
        h = np.tanh(X @ W1 + b1)
        z = h @ W2 + b2
        z = z - z.max(axis=1, keepdims=True)
        return h, z - np.log(np.exp(z).sum(axis=1, keepdims=True))

    def loss(self, X, y):
        self.loss_calls += 1
        if self.watch is not None and not self.saw_nudge:
            self.saw_nudge = any(not np.array_equal(p, q) for p, q in zip(self.params, self.watch, strict=True))
        _, logp = self._forward(X)
        return float(-logp[np.arange(len(y)), y].mean())

    def grads(self, X, y):
        W1, b1, W2, b2 = self.params
        h, logp = self._forward(X)
        n = len(y)
        dz = np.exp(logp)
        dz[np.arange(n), y] -= 1
        dz /= n
        da = (dz @ W2.T) * ((1 - h) if self.backward == "tanh_slope" else (1 - h**2))
        g = [X.T @ da, da.sum(axis=0), h.T @ dz, dz.sum(axis=0)]
        if self.backward == "sum_not_mean":
            g = [v * n for v in g]
        if self.backward == "no_db2":
            g[3] = np.zeros_like(g[3])
        if self.backward == "w1_half_again":
            g[0] = g[0] * 1.5
        if self.backward == "one_entry":
            g[0][self.bad_entry] *= 1.004  # relative error 0.2 %: far above tol, tiny in a mean
        return g

    def step(self, X, y):
        self.steps_taken += 1
        sign = 1.0 if self.step_kind == "uphill" else -1.0
        for p, g in zip(self.params, self.grads(X, y), strict=True):
            p += sign * self.lr * g


def _batch(rng, c, n=8):
    y = np.concatenate([np.arange(c), rng.integers(0, c, size=max(0, n - c))])[:n]
    return rng.normal(size=(n, D)), rng.permutation(y)


def _verdict(t, name, fn, model, *args, step=None):
    before = [p.copy() for p in model.params]
    steps_before = model.steps_taken
    got = t.call(fn, model, *args, step=step)
    if isinstance(got, np.bool_):
        # The task says "Return plain bools": np.isclose or a float64 comparison gives np.bool_.
        t.fail(
            f"{name}: returns a bool",
            "shape",
            f"expected a plain Python bool, got a NumPy bool ({got!r}), which is what np.isclose or a comparison "
            "of NumPy floats gives; wrap it: `return bool(error < tol)`.",
        )
    if not isinstance(got, bool):
        t.fail(
            f"{name}: returns a bool",
            "shape",
            f"expected True or False, got {type(got).__name__} {got!r:.60}"
            " — return the comparison itself, e.g. `return bool(error < tol)`.",
        )
    return bool(got), before, steps_before


def _untouched(t, name, fn_name, model, before, steps_before):
    # rounding residue (a nudge undone by subtraction) is forgiven; a weight left nudged is not
    changed = [
        i
        for i, (p, q) in enumerate(zip(model.params, before, strict=True))
        if not np.allclose(p, q, rtol=1e-12, atol=1e-15)
    ]
    if model.steps_taken != steps_before:
        t.fail(
            f"{name}: leaves the model alone",
            "property",
            f"{fn_name} called model.step {model.steps_taken - steps_before} time(s): a check must not train the model.",
        )
    t.expect(
        f"{name}: leaves the model alone",
        not changed,
        f"after {fn_name}, params[{changed[0] if changed else ''}] differs from before: put every nudged entry back "
        "to its exact old value (save it, nudge, evaluate, restore) — a check that changes the weights corrupts "
        "the training that follows.",
        kind="property",
    )


def check(t: Checker) -> None:
    with t.part("init_loss_ok"):
        _check_init(t)
    with t.part("gradients_ok"):
        _check_gradients(t)
        _check_gradient_subtleties(t)
    with t.part("overfits_one_batch"):
        _check_overfit(t)


def _check_init(t: Checker) -> None:
    f = t.function("init_loss_ok")
    for c in (4, 10):
        model = TinyMLP(t.rng, c)
        X, y = _batch(t.rng, c, 12)
        loss = model.loss(X, y)
        ok, before, steps = _verdict(t, f"healthy model, {c} classes", f, model, X, y, c)
        t.expect(
            f"healthy model, {c} classes: ok",
            ok,
            f"this untrained model's loss is {loss:.4f} and ln {c} = {np.log(c):.4f}, within 10%, yet you said it "
            f"is not ok. A model that knows nothing gives every class probability 1/{c}, so each sample costs "
            f"-log(1/{c}) = ln {c} — the natural log (np.log), not log2/log10, and not 1/{c}; compare "
            f"|loss - ln C| <= rtol * ln C.",
        )
        _untouched(t, f"healthy model, {c} classes", "init_loss_ok", model, before, steps)
    _check_init_relative(t, f)
    model = TinyMLP(t.rng, 4, init_scale=3.0)
    X, y = _batch(t.rng, 4, 12)
    loss = model.loss(X, y)
    ok, _, _ = _verdict(t, "last layer initialised too large", f, model, X, y, 4)
    t.expect(
        "last layer initialised too large: caught",
        not ok,
        f"this model's last layer starts with weights 300× too large: its loss at initialisation is {loss:.3g}, "
        f"far above ln 4 = {np.log(4):.3g}, yet you said it is ok. Compare the loss with ln C and allow only "
        "rtol of relative difference.",
    )


def _check_init_relative(t: Checker, f) -> None:
    """rtol is relative: with ln 10 = 2.3, a difference inside rtol·ln C can still be above rtol itself."""
    rng = np.random.default_rng(t.seed % 2**32 + 101)  # own draws: the later models stay as they were
    c = 10
    model = TinyMLP(rng, c, init_scale=0.3)
    X, y = _batch(rng, c, 12)
    loss = model.loss(X, y)
    relative = abs(loss - np.log(c)) / np.log(c)
    rtol = float(f"{1.5 * relative:.2g}")  # |loss − ln C| ≈ 0.67·rtol·ln C ≈ 1.5·rtol: inside, if rtol is relative
    ok, _, _ = _verdict(t, f"rtol = {rtol:g}, {c} classes", f, model, X, y, c, rtol)
    t.expect(
        f"rtol = {rtol:g}, {c} classes: ok",
        ok,
        f"this model's loss is {loss:.4f} and ln {c} = {np.log(c):.4f}: they differ by {abs(loss - np.log(c)):.4f}, "
        f"which is {relative:.3g} of ln {c}, within rtol = {rtol:g}, yet you said it is not ok. rtol is RELATIVE: "
        "compare |loss − ln C| <= rtol · ln C, not |loss − ln C| <= rtol.",
    )


def _check_gradients(t: Checker) -> None:
    f = t.function("gradients_ok")
    model = TinyMLP(t.rng, 3, init_scale=0.5)  # not tiny weights: every gradient entry has a useful size
    X, y = _batch(t.rng, 3, 6)
    model.watch = [p.copy() for p in model.params]
    ok, before, steps = _verdict(t, "a correct backward pass", f, model, X, y)
    _untouched(t, "a correct backward pass", "gradients_ok", model, before, steps)  # a weight left nudged explains all
    if not ok and model.loss_calls > 0 and not model.saw_nudge:
        t.fail(
            "a correct backward pass: ok",
            "value",
            f"your check called model.loss {model.loss_calls} times, but the model's parameters were the same at "
            "every call: your nudges never reached the model, so every central difference is 0. You nudged a copy "
            "(p = p.copy(), np.array(p), p + eps...): change model.params[k][index] itself, in place, and put it back.",
        )
    t.expect(
        "a correct backward pass: ok",
        ok,
        "this model's gradients are right, yet your check rejected them. Use central differences, "
        "(L(p + eps) − L(p − eps)) / (2·eps) — a one-sided difference is only accurate to about eps — nudge one "
        "entry at a time and restore it before the next, and the relative error |a − n| / max(|a| + |n|, 1e-12).",
    )
    bugs = {
        "tanh_slope": "its backward pass uses 1 − h instead of tanh's slope 1 − h², which changes the gradients of "
        "W1 and b1",
        "sum_not_mean": "its gradients are summed over the batch instead of averaged: every entry is n = 6 times too "
        "large",
        "no_db2": "the gradient of the LAST array, the output bias b2, is all zeros — a check that looks only at the "
        "first arrays, or only at a few entries, misses it",
    }
    for bug, why in bugs.items():
        model = TinyMLP(t.rng, 3, init_scale=0.5, backward=bug)
        X, y = _batch(t.rng, 3, 6)
        ok, _, _ = _verdict(t, f"planted bug: {bug}", f, model, X, y)
        t.expect(
            f"planted bug: {bug}: caught",
            not ok,
            f"this model has a planted bug — {why} — and your check said its gradients are ok. Compare every "
            "entry of every array in model.params with its central difference, and return False when the largest "
            "relative error is not below tol.",
        )


def _check_gradient_subtleties(t: Checker) -> None:
    """Bugs only a relative, worst-entry, every-entry check catches (own RNG: earlier draws stay as they were)."""
    f = t.function("gradients_ok")
    rng = np.random.default_rng(t.seed % 2**32 + 202)
    model = TinyMLP(rng, 3, init_scale=0.5, backward="w1_half_again")
    X, y = _batch(rng, 3, 6)
    X *= 1e-5  # tiny inputs: W1's gradient X.T @ da is tiny too
    ok, _, _ = _verdict(t, "planted bug: tiny gradients 50% off", f, model, X, y)
    t.expect(
        "planted bug: tiny gradients 50% off: caught",
        not ok,
        "this model's inputs are of size 1e-5, so W1's gradients are about 1e-6, and its backward pass makes every "
        "one of them 1.5× too large (a relative error of 0.2), yet your check said ok. An absolute error "
        "|a − n| of 1e-7 looks small next to tol = 1e-5 but is huge next to the gradient: use the RELATIVE error "
        "|a − n| / max(|a| + |n|, 1e-12).",
    )
    model = TinyMLP(rng, 3, init_scale=0.5, backward="one_entry", hidden=64)
    X, y = _batch(rng, 3, 6)
    total = sum(p.size for p in model.params)
    ok, _, _ = _verdict(t, "planted bug: one entry off", f, model, X, y)
    t.expect(
        "planted bug: one entry off: caught",
        not ok,
        f"this model's gradient is wrong in ONE entry only, W1{list(model.bad_entry)} of {total} entries, by a "
        "relative error of 0.2 % (far above tol = 1e-5), yet your check said ok. Compare EVERY entry (a random "
        "sample misses it) and return False when the LARGEST relative error is not below tol (the mean over all "
        "entries hides one bad entry).",
    )


def _check_overfit(t: Checker) -> None:
    f = t.function("overfits_one_batch")
    model = TinyMLP(t.rng, 4)
    X, y = _batch(t.rng, 4)
    start = model.loss(X, y)
    ok, _, steps_before = _verdict(t, "a healthy model", f, model, X, y, 200, 0.05)
    taken = model.steps_taken - steps_before
    t.expect(
        "a healthy model: calls model.step 200 times",
        taken == 200,
        f"overfits_one_batch called model.step {taken} times; call it exactly `steps` times on the same batch.",
    )
    t.expect(
        "a healthy model: overfits",
        ok,
        f"this healthy model went from loss {start:.3g} to {model.loss(X, y):.3g} on its batch of 8 — below the "
        "target 0.05 — yet you said it does not overfit. Return whether the loss AFTER the steps is below target.",
    )
    for kind, kwargs, why in (
        ("a step that goes uphill", {"step": "uphill"}, "its step adds the gradient instead of subtracting it"),
        (
            "a learning rate far too small",
            {"lr": 1e-3},
            "its learning rate is 1000× too small: the loss falls, but only a little",
        ),
    ):
        model = TinyMLP(t.rng, 4, **kwargs)
        X, y = _batch(t.rng, 4)
        start = model.loss(X, y)
        ok, _, _ = _verdict(t, kind, f, model, X, y, 200, 0.05)
        t.expect(
            f"{kind}: caught",
            not ok,
            f"this model cannot fit its batch — {why}; its loss went from {start:.3g} to {model.loss(X, y):.3g} — "
            "yet you said it overfits. The test is the loss after the steps against `target`, not whether it "
            "went down at all.",
        )
