"""Checker: random search scored on validation, the test split touched once, for the winner only.

The checker hands over the data (train/val/test of the 8×8 digits) behind
properties that count reads, and a `train` function whose tiny NumPy MLPs
record every evaluation and which split it was on (recognised by the arrays
themselves). From that record: the models were trained on the training split,
the learning rates are log-uniform (20 trials: under log-uniform about 2/3 of
them fall below 1e-2, under uniform about 1/10), the reported validation
accuracies are the models' own, the best is the validation argmax, and the
test split was used after the search, for that model only (what counts is
which models were evaluated on it, not how often `data.test` was indexed:
`data.test[0], data.test[1]` is one look). Selecting on test (or on training
accuracy) is named. A second, cheap search with stand-in models whose
validation accuracy depends on the width alone has tied winners (the first
must win) and enough trials that every width must turn up. A results table
and the search's curve are shown.
"""

import numpy as np

from tutor.checks import Checker
from tutor.datasets import load_digits, split

WIDTHS = (8, 16, 32, 64)
N_TRIALS = 20
STEPS = 15


TIE_TRIALS = 60  # the stand-in search: every width turns up (a width missing from 60 uniform draws: p < 1e-6)
TIE_ACCURACY = {8: 0.85, 16: 0.9, 32: 0.95, 64: 0.8}  # stand-in validation accuracy by width: width 32 ties


class Data:
    """train/val/test (X, y) pairs, handed out as copies (the models log which split they were evaluated on)."""

    def __init__(self, train, val, test):
        self._train, self._val, self._test = train, val, test

    @property
    def train(self):
        return self._train[0].copy(), self._train[1].copy()

    @property
    def val(self):
        return self._val[0].copy(), self._val[1].copy()

    @property
    def test(self):
        return self._test[0].copy(), self._test[1].copy()


def _split_finder(splits):
    """which(X) -> 'train' / 'val' / 'test' / 'other', recognising a split by its array (copies included)."""
    fingerprints = {
        name: (X.shape, float(X.sum()), float((X * np.arange(X.shape[1])).sum())) for name, (X, _) in splits.items()
    }

    def which(X):
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2:
            return "other"
        key = (X.shape, float(X.sum()), float((X * np.arange(X.shape[1])).sum()))
        return next((name for name, fp in fingerprints.items() if fp == key), "other")

    return which


def _make_train(splits, log):
    which = _split_finder(splits)

    class Model:
        def __init__(self, W1, b1, W2, b2, index):
            self.params, self.index = (W1, b1, W2, b2), index

        def predict(self, X):
            W1, b1, W2, b2 = self.params
            pred = (np.tanh(np.asarray(X, dtype=np.float64) @ W1 + b1) @ W2 + b2).argmax(axis=1)
            log["evals"].append((self.index, which(X), len(log["trained"])))
            return pred

        def accuracy(self, X, y):
            return float(np.mean(self.predict(X) == np.asarray(y)))

        def true_accuracy(self, name):
            W1, b1, W2, b2 = self.params
            X, y = splits[name]
            return float(np.mean((np.tanh(X @ W1 + b1) @ W2 + b2).argmax(axis=1) == y))

    def train(X, y, lr, width):
        """A one-hidden-layer tanh network, STEPS full-batch gradient steps at `lr` (x 50: plain SGD is slow)."""
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y)
        width = int(width)
        rng = np.random.default_rng(len(log["trained"]) + 1000 * width)
        W1 = rng.normal(size=(X.shape[1], width)) / np.sqrt(X.shape[1])
        b1 = np.zeros(width)
        W2 = rng.normal(size=(width, 10)) / np.sqrt(width)
        b2 = np.zeros(10)
        Y = np.eye(10)[y]
        for _ in range(STEPS):
            H = np.tanh(X @ W1 + b1)
            Z = H @ W2 + b2
            P = np.exp(Z - Z.max(axis=1, keepdims=True))
            P /= P.sum(axis=1, keepdims=True)
            dZ = (P - Y) / len(X)
            dH = (dZ @ W2.T) * (1 - H**2)
            step = 50 * float(lr)
            W2 -= step * H.T @ dZ
            b2 -= step * dZ.sum(axis=0)
            W1 -= step * X.T @ dH
            b1 -= step * dH.sum(axis=0)
        model = Model(W1, b1, W2, b2, len(log["trained"]))
        log["trained"].append({"lr": float(lr), "width": width, "split": which(X), "model": model})
        return model

    return train


def check(t: Checker) -> None:
    random_search = t.function("random_search")
    X, y = load_digits()
    X = X / 16.0
    X_rest, X_test, y_rest, y_test = split(X, y, 0.2, seed=t.seed % 2**32)
    X_train, X_val, y_train, y_val = split(X_rest, y_rest, 0.5, seed=t.seed % 2**32 + 1)
    splits = {
        "train": (X_train[:200], y_train[:200]),
        "val": (X_val[:200], y_val[:200]),
        "test": (X_test[:200], y_test[:200]),
    }
    log = {"trained": [], "evals": []}
    data = Data(splits["train"], splits["val"], splits["test"])
    train = _make_train(splits, log)

    out = t.call(random_search, data, train, N_TRIALS, 7, budget_s=max(5.0, t.time_left() - 5))
    if not isinstance(out, tuple | list) or len(out) != 3:
        t.fail(
            "returns (results, best, test_accuracy)",
            "shape",
            f"expected a tuple (results, best, test_accuracy), got {type(out).__name__}",
        )
    results, best, test_accuracy = out
    trained = log["trained"]

    _check_trials(t, trained)
    _check_results_shape(t, results)
    val_true = np.array([m["model"].true_accuracy("val") for m in trained])
    train_true = np.array([m["model"].true_accuracy("train") for m in trained])
    test_true = np.array([m["model"].true_accuracy("test") for m in trained])
    _check_results_values(t, results, trained, val_true, train_true, test_true)
    winner = int(np.argmax(val_true))
    _check_test_touched_once(t, log, winner, train_true, test_true)
    t.expect(
        "best is the validation winner",
        isinstance(best, dict) and best is results[winner] or (isinstance(best, dict) and best == results[winner]),
        f"best should be results[{winner}] (the highest val_accuracy, first on ties), got {best!r}.",
    )
    t.expect_scalar("test_accuracy is the winner's", test_accuracy, float(test_true[winner]), atol=1e-9)
    _show_search(t, trained, val_true, test_true, winner)
    _check_ties_and_widths(t, random_search, splits)


def _check_trials(t, trained):
    """What train saw: one model per trial, on the training split, with lr log-uniform and widths from WIDTHS."""
    t.expect(
        "one model per trial",
        len(trained) == N_TRIALS,
        f"train was called {len(trained)} times for n_trials = {N_TRIALS}; train one model per trial "
        "(and do not retrain the winner: keep its model).",
        kind="run",
    )
    elsewhere = [m["split"] for m in trained if m["split"] != "train"]
    t.expect(
        "models are trained on the training split",
        not elsewhere,
        (
            f"a model was trained on the {elsewhere[0]} split"
            if elsewhere and elsewhere[0] != "other"
            else "a model was trained on data that is not data.train (train and val put together?)"
        )
        + "; train on data.train only "
        "— the validation split scores the candidates, the test split reports the winner.",
        kind="run",
    )
    lrs = np.array([m["lr"] for m in trained])
    widths = [m["width"] for m in trained]
    t.expect(
        "learning rates in [1e-4, 1e-1]",
        bool(np.all((lrs >= 1e-4 * 0.999) & (lrs <= 1e-1 * 1.001))),
        f"learning rates must lie in [1e-4, 1e-1]; you drew from {lrs.min():.3g} to {lrs.max():.3g} "
        "(10 ** rng.uniform(-4, -1)).",
        kind="property",
    )
    below = int(np.sum(lrs < 1e-2))
    t.expect(
        "learning rates are log-uniform",
        below >= 0.3 * N_TRIALS,
        f"only {below} of {N_TRIALS} learning rates are below 1e-2: that is uniform sampling, not log-uniform: it puts "
        "90% of the trials between 1e-2 and 1e-1. Draw the exponent uniformly: lr = 10 ** rng.uniform(-4, -1) "
        "(each decade then gets a third of the trials).",
        kind="property",
    )
    t.expect(
        "widths from (8, 16, 32, 64)",
        set(widths) <= set(WIDTHS) and len(set(widths)) > 1,
        f"widths used: {sorted(set(widths))}; draw each trial's width from (8, 16, 32, 64).",
        kind="property",
    )


def _check_results_shape(t, results):
    """results is a list of one dict {'lr', 'width', 'val_accuracy'} per trial."""
    if not isinstance(results, list) or len(results) != N_TRIALS or not all(isinstance(r, dict) for r in results):
        t.fail(
            "results: one dict per trial",
            "shape",
            f"results should be a list of {N_TRIALS} dicts {{'lr', 'width', 'val_accuracy'}}, got "
            f"{type(results).__name__}" + (f" of length {len(results)}" if isinstance(results, list) else ""),
        )
    missing = [k for k in ("lr", "width", "val_accuracy") if any(k not in r for r in results)]
    t.expect("results: one dict per trial", not missing, f"results entries lack the key(s) {missing}.", kind="shape")


def _check_results_values(t, results, trained, val_true, train_true, test_true):
    """Each result row is its trial, in order, with the model's validation accuracy (test/train ones named)."""
    for i, (r, m) in enumerate(zip(results, trained, strict=True)):
        if abs(float(r["lr"]) - m["lr"]) > 1e-12 * max(1, m["lr"]) or int(r["width"]) != m["width"]:
            t.fail(
                "results: the trials in order",
                "value",
                f"results[{i}] says lr={r['lr']}, width={r['width']}, but trial {i} trained lr={m['lr']:.4g}, "
                f"width={m['width']}: list the trials in the order you ran them.",
            )
        if abs(float(r["val_accuracy"]) - val_true[i]) > 1e-9:
            hint = ""
            if abs(float(r["val_accuracy"]) - test_true[i]) < 1e-9:
                hint = " That is its TEST accuracy: score candidates on data.val."
            elif abs(float(r["val_accuracy"]) - train_true[i]) < 1e-9:
                hint = " That is its TRAINING accuracy: score candidates on data.val."
            t.fail(
                "results: validation accuracies",
                "value",
                f"trial {i}: val_accuracy {float(r['val_accuracy']):.4f}, but the model's validation accuracy "
                f"is {val_true[i]:.4f}.{hint}",
            )
    t.passed("results: validation accuracies", "value")


def _check_test_touched_once(t, log, winner, train_true, test_true):
    """The test split is read once, after the search, for the validation winner only."""
    test_evals = [e for e in log["evals"] if e[1] == "test"]
    name = "the test split is touched once"
    # Which models saw the test split is what matters: indexing data.test twice, or scoring the
    # winner twice, shows the test set nothing new; scoring a second model on it does.
    on_test = sorted({index for index, _, _ in test_evals})
    if len(on_test) > 1:
        by_test = int(np.argmax(test_true))
        shown = ", ".join(map(str, on_test[:6])) + (", ..." if len(on_test) > 6 else "")
        t.fail(
            name,
            "run",
            f"{len(on_test)} models were evaluated on the test split (trials {shown}), but only the winner may "
            "be. Evaluating candidates on the test set turns it into a second validation set "
            "(and choosing by it is SELECTION ON TEST): the reported number becomes the best of many noisy "
            "scores, optimistic. Choose on validation; evaluate only the winner on test, once."
            + (
                f" (By test accuracy the winner would be trial {by_test}, by validation trial {winner}.)"
                if by_test != winner
                else ""
            ),
        )
    if not test_evals:
        t.fail(
            name,
            "run",
            "no model was evaluated on data.test: report the winner's test accuracy with model.accuracy(*data.test).",
        )
    index, _, when = test_evals[0]
    if when < N_TRIALS:
        t.fail(
            name,
            "run",
            f"the test split was used after {when} of {N_TRIALS} trials, during the search: read it "
            "once the search is over.",
        )
    if index != winner:
        extra = ""
        if index == int(np.argmax(train_true)):
            extra = " It is the model with the best TRAINING accuracy: select by validation accuracy."
        elif index == int(np.argmax(test_true)):
            extra = " It is the model with the best TEST accuracy: that is selection on test."
        t.fail(
            name,
            "run",
            f"the model evaluated on test is trial {index}, but the best validation accuracy is "
            f"trial {winner}'s.{extra}",
        )
    t.passed(name, "run", "once, for the winner, after the search")


def _show_search(t, trained, val_true, test_true, winner):
    """The top of the results table and the per-trial curve, for the learner to look at."""
    order = np.argsort(-val_true, kind="stable")[:5]
    rows = [
        f"  trial {i:2d}  lr {trained[i]['lr']:.2e}  width {trained[i]['width']:2d}  val {val_true[i]:.3f}"
        for i in order
    ]
    t.note(
        "the top of the results table:\n"
        + "\n".join(rows)
        + f"\nreported test accuracy of the winner: {test_true[winner]:.3f} "
        f"(validation {val_true[winner]:.3f}: the maximum of {N_TRIALS} noisy scores is biased upwards; the "
        "single test score is not)"
    )
    best_so_far = np.maximum.accumulate(val_true)
    for i in range(N_TRIALS):
        t.curve("validation accuracy per trial", i, float(val_true[i]))
        t.curve("best so far", i, float(best_so_far[i]))


def _check_ties_and_widths(t, random_search, splits):
    """A second search whose stand-in models score by width alone: the first of the tied winners must win,
    and with TIE_TRIALS draws every width must have turned up."""
    which = _split_finder(splits)
    trained, on_test = [], []

    class StandIn:
        """A 'model' whose accuracy on each split is TIE_ACCURACY[width]: the first rows right, the rest wrong."""

        def __init__(self, index, width):
            self.index, self.width = index, width

        def predict(self, X):
            name = which(X)
            if name == "test":
                on_test.append((self.index, len(trained)))
            if name == "other":
                return np.zeros(len(X), dtype=np.int64)
            y = splits[name][1].copy()
            n_right = int(round(TIE_ACCURACY.get(self.width, 0.5) * len(y)))
            y[n_right:] = (y[n_right:] + 1) % 10
            return y

        def accuracy(self, X, y):
            return float(np.mean(self.predict(X) == np.asarray(y)))

    def train(X, y, lr, width):
        model = StandIn(len(trained), int(width))
        trained.append({"lr": float(lr), "width": int(width)})
        return model

    data = Data(splits["train"], splits["val"], splits["test"])
    out = t.call(random_search, data, train, TIE_TRIALS, 11, budget_s=max(5.0, t.time_left() - 2))
    name = "ties: the first best entry wins"
    widths = [m["width"] for m in trained]
    missing = [w for w in WIDTHS if w not in widths]
    t.expect(
        "every width is drawn",
        not missing,
        f"in a search of {TIE_TRIALS} trials the width {missing[0] if missing else ''} was never drawn "
        f"(you drew {sorted(set(widths))}): each trial's width must be drawn uniformly from all of (8, 16, 32, 64). "
        "rng.integers(0, 3) stops before index 3 (its upper bound is exclusive): use rng.choice(WIDTHS) or "
        "rng.integers(len(WIDTHS)).",
        kind="property",
    )
    results = out[0] if isinstance(out, tuple | list) and len(out) == 3 else None
    if (
        not isinstance(results, list)
        or len(results) != len(trained)
        or not all(isinstance(r, dict) and "val_accuracy" in r for r in results)
    ):
        t.fail(
            name,
            "shape",
            f"with n_trials = {TIE_TRIALS} random_search should return (results, best, test_accuracy) with one "
            f"results dict per trial ({len(trained)} models were trained); is n_trials hard-coded?",
        )
    best = out[1]
    tied = [i for i, m in enumerate(trained) if m["width"] == max(widths, key=lambda w: TIE_ACCURACY.get(w, 0.5))]
    first = tied[0]
    chosen = next((i for i, r in enumerate(results) if r is best), None)
    if chosen is None:
        chosen = next((i for i, r in enumerate(results) if r == best), None)
    shown = ", ".join(map(str, tied[:5])) + (", ..." if len(tied) > 5 else "")
    if chosen != first:
        last = " — the LAST of them (`>=` against the best so far? Use `>`, or max() / np.argmax, which keep the first)"
        t.fail(
            name,
            "value",
            f"here trials {shown} tie at the best validation accuracy ({len(tied)} of them); best should be the "
            f"FIRST, results[{first}], but you returned "
            + (f"results[{chosen}]" if chosen is not None else repr(best)[:120])
            + (last if chosen == tied[-1] else "")
            + ". The task asks for the first on ties.",
        )
    tested = sorted({index for index, _ in on_test})
    if tested and tested != [first]:
        t.fail(
            name,
            "value",
            f"here trials {shown} tie at the best validation accuracy; best is results[{first}] but the model "
            f"evaluated on test is trial {tested[-1]}'s: evaluate the FIRST of the tied winners, the one best names.",
        )
    t.passed(name, "value", f"{len(tied)} tied trials, the first ({first}) chosen")
