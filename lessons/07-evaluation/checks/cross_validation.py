"""Checker: stratified k-fold (fold properties) and cross-validation with the scaler fitted per fold.

The folds are checked as properties on several label vectors (a partition,
train = complement, per-class counts within one of each other; pairs in the
order (val_idx, train_idx) are named). Then
cross_validate runs with a scaler and a model supplied here that record every
call: which rows of X each scaler was fitted on, which (scaler, fit) produced
each transformed row, which rows each model was trained and scored on. From
that record the classic leaks are named — a scaler fitted on all the data
(validation rows included), refitted on the validation rows, training on
unscaled rows, overlapping train and validation rows — before the returned
scores are compared with the scores the models actually gave.
"""

import numpy as np
from _rules import forbid_sklearn

from tutor.checks import Checker

K = 5


def _fold_problem(pairs, y, k):
    """None if `pairs` is a valid stratified k-fold split of y, else what is wrong."""
    n = len(y)
    if not isinstance(pairs, list | tuple) or len(pairs) != k:
        got = f"{len(pairs)} items" if isinstance(pairs, list | tuple) else type(pairs).__name__
        return f"expected a list of k = {k} (train_idx, val_idx) pairs, got {got}"
    seen = np.zeros(n, dtype=np.int64)
    seen_first = np.zeros(n, dtype=np.int64)
    for f, pair in enumerate(pairs):
        problem = _pair_problem(f, pair, n)
        if problem is not None:
            return problem
        seen[np.asarray(pair[1])] += 1
        seen_first[np.asarray(pair[0])] += 1
    if k > 2 and np.all(seen_first == 1) and np.all(seen == k - 1):
        return (
            "the pairs are (val_idx, train_idx): the FIRST array of each pair covers every sample exactly once "
            f"over the folds, the second {k - 1} times. Return (train_idx, val_idx), the training part first."
        )
    return _coverage_problem(seen) or _stratification_problem(pairs, y)


def _pair_problem(f, pair, n):
    """None if fold `f` is a (train_idx, val_idx) pair of disjoint integer indices covering 0..n-1."""
    if not isinstance(pair, list | tuple) or len(pair) != 2:
        return f"fold {f} is not a (train_idx, val_idx) pair"
    train, val = (np.asarray(a) for a in pair)
    if train.dtype.kind not in "iu" or val.dtype.kind not in "iu":
        return (
            f"fold {f}: indices must be integer arrays, got {train.dtype} and {val.dtype} "
            "(a boolean mask? use np.flatnonzero(mask))"
        )
    if train.ndim != 1 or val.ndim != 1:
        return f"fold {f}: index arrays must be 1-D"
    if len(val) and (val.min() < 0 or val.max() >= n) or len(train) and (train.min() < 0 or train.max() >= n):
        return f"fold {f}: an index is outside 0..{n - 1}"
    if len(np.unique(val)) != len(val):
        return f"fold {f}: val_idx holds a sample twice"
    if np.intersect1d(train, val).size:
        return (
            f"fold {f}: {np.intersect1d(train, val).size} samples are in BOTH train_idx and val_idx — "
            "the model would be scored on rows it trained on."
        )
    if len(np.unique(train)) != len(train) or len(train) + len(val) != n:
        return (
            f"fold {f}: train_idx should be every sample not in val_idx ({n - len(val)} samples), "
            f"got {len(train)} indices ({len(np.unique(train))} distinct)"
        )
    return None


def _coverage_problem(seen):
    """None if every sample is in exactly one validation fold (`seen` counts them)."""
    if np.any(seen != 1):
        twice = np.flatnonzero(seen > 1)
        never = np.flatnonzero(seen == 0)
        if twice.size:
            return (
                f"sample {twice[0]} is in the validation part of {seen[twice[0]]} folds; each sample is validated once"
            )
        return f"sample {never[0]} is in no validation fold; every sample must be validated exactly once"
    return None


def _stratification_problem(pairs, y):
    """None if each class's count differs by at most one between validation folds."""
    for label in np.unique(y):
        counts = [int(np.sum(y[np.asarray(val)] == label)) for _, val in pairs]
        if max(counts) - min(counts) > 1:
            return (
                f"not stratified: class {label} ({int(np.sum(y == label))} samples) is spread over the folds "
                f"as {counts}; the counts should differ by at most one. Split each class's indices "
                "separately over the k folds (plain k-fold on sorted or clustered labels piles a class "
                "into a few folds)."
            )
    return None


def _label_vectors(rng):
    """Sorted labels (a plain k-fold fails on these), shuffled imbalanced ones, and a class smaller than k."""
    sorted_y = np.repeat([0, 1, 2], [23, 17, 10])
    shuffled = rng.permutation(np.repeat([0, 1, 2, 3], [40, 25, 9, 3]))
    binary = rng.permutation(np.repeat([0, 1], [61, 12]))
    return [
        ("sorted labels, 3 classes", sorted_y),
        ("shuffled, a class smaller than k", shuffled),
        ("imbalanced binary", binary),
    ]


class _Log:
    """What the learner did with the scalers and models we handed out."""

    def __init__(self, X):
        self.X = X
        self.row_of = {X[i].tobytes(): i for i in range(len(X))}
        self.scaled = {}  # bytes of a transformed row -> (scaler id, fit number, row index)
        self.fits = {}  # (scaler id, fit number) -> frozenset of rows
        self.models = []  # per model: {"fit": (rows, sources, y), "evals": [(rows, sources, y or None, value)]}

    def rows(self, A):
        """Row indices of X for raw rows (None where a row is not one of X's)."""
        return [self.row_of.get(np.ascontiguousarray(r, dtype=np.float64).tobytes()) for r in np.asarray(A)]

    def sources(self, A):
        """For transformed rows: (scaler id, fit number, row index); 'raw' for unscaled rows of X; None if unknown."""
        out = []
        for r in np.asarray(A, dtype=np.float64):
            key = np.ascontiguousarray(r).tobytes()
            if key in self.scaled:
                out.append(self.scaled[key])
            elif key in self.row_of:
                out.append(("raw", None, self.row_of[key]))
            else:
                out.append(None)
        return out


def _make_classes(log):
    class Scaler:
        """A standard scaler that records what it was fitted on and what it transformed."""

        def __init__(self):
            self.fit_number = 0
            self.mean_ = None

        def fit(self, A, y=None):
            A = np.asarray(A, dtype=np.float64)
            self.fit_number += 1
            log.fits[(id(self), self.fit_number)] = log.rows(A)
            self.mean_ = A.mean(axis=0)
            self.scale_ = A.std(axis=0) + 1e-12
            return self

        def transform(self, A):
            if self.mean_ is None:
                raise RuntimeError("this scaler has not been fitted yet: call scaler.fit(X_train) first")
            A = np.asarray(A, dtype=np.float64)
            Z = (A - self.mean_) / self.scale_
            for i, r in zip(log.rows(A), Z, strict=True):
                log.scaled[np.ascontiguousarray(r).tobytes()] = (id(self), self.fit_number, i)
            return Z

        def fit_transform(self, A, y=None):
            return self.fit(A).transform(A)

    class Model:
        """Nearest class mean; records its training and evaluation rows."""

        def __init__(self):
            self.record = {"fit": None, "evals": []}
            log.models.append(self.record)

        def fit(self, Z, y):
            Z = np.asarray(Z, dtype=np.float64)
            y = np.asarray(y)
            if len(y) != len(Z):
                raise ValueError(
                    f"model.fit got {len(Z)} rows but {len(y)} labels: pass y[train_idx] with the training rows"
                )
            self.record["fit"] = (log.sources(Z), y.copy())
            self.classes_ = np.unique(y)
            self.means_ = np.stack([Z[y == c].mean(axis=0) for c in self.classes_])
            return self

        def predict(self, Z):
            Z = np.asarray(Z, dtype=np.float64)
            d = ((Z[:, None, :] - self.means_[None]) ** 2).sum(-1)
            pred = self.classes_[d.argmin(axis=1)]
            self.record["evals"].append((log.sources(Z), None, pred))
            return pred

        def score(self, Z, y):
            Z = np.asarray(Z, dtype=np.float64)
            d = ((Z[:, None, :] - self.means_[None]) ** 2).sum(-1)
            value = float(np.mean(self.classes_[d.argmin(axis=1)] == np.asarray(y)))
            self.record["evals"].append((log.sources(Z), np.asarray(y).copy(), value))
            return value

    return Scaler, Model


def _data(rng):
    """3 imbalanced classes whose features live on very different scales (so scaling matters)."""
    y = rng.permutation(np.repeat([0, 1, 2], [45, 30, 15]))
    centres = rng.normal(size=(3, 4)) * [1.0, 1.0, 1.0, 1.0]
    X = centres[y] + rng.normal(size=(90, 4)) * 1.2
    return X * np.array([1.0, 100.0, 0.01, 10.0]) + np.array([0.0, 500.0, -3.0, 40.0]), y


def check(t: Checker) -> None:
    stratified_kfold = t.function("stratified_kfold")
    cross_validate = t.function("cross_validate")
    forbid_sklearn(t, "the folds and the cross-validation loop")

    for name, y in _label_vectors(t.rng):
        pairs = t.call(stratified_kfold, y.copy(), K, 3)
        problem = _fold_problem(pairs, y, K)
        t.expect(f"stratified_kfold: {name}", problem is None, problem or "", kind="property")
    for k in (2, 3):
        y = t.rng.permutation(np.repeat([0, 1], [13, 8]))
        problem = _fold_problem(t.call(stratified_kfold, y.copy(), k, 1), y, k)
        t.expect(f"stratified_kfold: k = {k}", problem is None, problem or "", kind="property")

    X, y = _data(t.rng)
    log = _Log(X)
    Scaler, Model = _make_classes(log)
    X_in = X.copy()
    scores = t.call(cross_validate, X_in, y.copy(), K, Scaler, Model, 7)
    t.expect(
        "X left unchanged",
        np.array_equal(X_in, X),
        "cross_validate modified X in place (scaling it?); transform copies, leave X as it was.",
        kind="property",
    )
    _judge_protocol(t, log, y, scores)


def _judge_protocol(t, log, y, scores):
    n = len(y)
    everything = set(range(n))
    trained = [m for m in log.models if m["fit"] is not None]
    name = "cross_validate: one fresh model per fold"
    if len(trained) != K:
        t.fail(
            name,
            "run",
            f"{len(trained)} models were fitted (make_model() called {len(log.models)} times); "
            f"with k = {K} there should be exactly {K}: one new model per fold, fitted once.",
        )
    t.passed(name, "run")

    val_sets = []
    for f, record in enumerate(trained):
        sources, y_fit = record["fit"]
        label = f"fold {f + 1}"
        if any(s is None for s in sources):
            t.fail(
                f"{label}: the model trains on scaled training rows",
                "run",
                "the model was fitted on rows that are neither rows of X nor outputs of the scaler passed in: "
                "transform X[train_idx] with the fold's scaler and pass the result unchanged.",
            )
        if all(s[0] == "raw" for s in sources):
            t.fail(
                f"{label}: the model trains on scaled training rows",
                "run",
                "the model was fitted on UNSCALED rows of X: fit the scaler on the training rows, then fit the "
                "model on scaler.transform(X[train_idx]).",
            )
        train_rows = [s[2] for s in sources]
        fits = {(s[0], s[1]) for s in sources}
        if len(fits) != 1 or ("raw", None) in fits:
            t.fail(
                f"{label}: the model trains on scaled training rows",
                "run",
                "the model's training rows were not all transformed by one fitted scaler; transform the whole "
                "training part with the fold's scaler.",
            )
        fitted_on = log.fits[fits.pop()]
        if not np.array_equal(y_fit, y[train_rows]):
            t.fail(
                f"{label}: the model trains on scaled training rows",
                "run",
                "the labels passed to model.fit do not belong to the rows passed with them: use y[train_idx] "
                "with X[train_idx].",
            )
        evals = record["evals"]
        if not evals:
            t.fail(
                f"{label}: scored on its validation rows",
                "run",
                "this fold's model was never scored: call model.score(scaler.transform(X[val_idx]), y[val_idx]).",
            )
        e_sources = evals[-1][0]
        if any(s is None for s in e_sources) or any(s[0] == "raw" for s in e_sources):
            t.fail(
                f"{label}: scored on its validation rows",
                "run",
                "the model was scored on unscaled (or unknown) rows: transform the validation rows with the "
                "SAME scaler, fitted on the training rows, before scoring.",
            )
        val_rows = [s[2] for s in e_sources]
        val_sets.append(set(val_rows))
        overlap = set(val_rows) & set(train_rows)
        if overlap:
            t.fail(
                f"{label}: scored on its validation rows",
                "run",
                f"{len(overlap)} of the rows the model was scored on were also in its training rows; the "
                "validation fold must be disjoint from the training fold.",
            )
        if set(train_rows) | set(val_rows) != everything:
            t.fail(
                f"{label}: scored on its validation rows",
                "run",
                f"training ({len(set(train_rows))}) and validation ({len(set(val_rows))}) rows together should "
                f"be all {n} samples.",
            )
        fitted_set = set(i for i in fitted_on if i is not None)
        if fitted_set == everything:
            t.fail(
                f"{label}: the scaler is fitted on the training rows only",
                "run",
                "LEAKAGE: the scaler was fitted on ALL the data, validation rows included, so their mean and "
                "spread shaped the features the model trained on. Fit a new scaler inside the loop on "
                "X[train_idx] only, and use it to transform both parts.",
            )
        if fitted_set == set(val_rows):
            t.fail(
                f"{label}: the scaler is fitted on the training rows only",
                "run",
                "the scaler the model trained with was fitted on the VALIDATION rows: fit it on X[train_idx].",
            )
        if fitted_set != set(train_rows) or None in fitted_on:
            t.fail(
                f"{label}: the scaler is fitted on the training rows only",
                "run",
                f"the scaler was fitted on {len(fitted_set)} rows that are not exactly this fold's "
                f"{len(set(train_rows))} training rows; fit it on X[train_idx].",
            )
        t.passed(f"{label}: the scaler is fitted on the training rows only", "run")
        e_fits = {(s[0], s[1]) for s in e_sources}
        e_fitted = [set(log.fits[key]) for key in e_fits]
        if any(fs == set(val_rows) for fs in e_fitted):
            t.fail(
                f"{label}: scored on its validation rows",
                "run",
                "LEAKAGE: the validation rows were transformed by a scaler fitted on the validation rows "
                "themselves (fit_transform on X[val_idx]?). Use transform only, with the scaler fitted on "
                "the training rows.",
            )
        if any(fs != set(train_rows) for fs in e_fitted):
            t.fail(
                f"{label}: scored on its validation rows",
                "run",
                "the validation rows were transformed by a scaler fitted on other rows than this fold's "
                "training rows; use the fold's own scaler.",
            )
        t.passed(f"{label}: scored on its validation rows", "run")

    union = set().union(*val_sets)
    disjoint = sum(len(v) for v in val_sets) == len(union)
    t.expect(
        "the validation folds partition the data",
        union == everything and disjoint,
        "the validation folds should cover every sample exactly once (the folds of stratified_kfold).",
        kind="property",
    )
    for label in np.unique(y):
        counts = [sum(1 for i in v if y[i] == label) for v in val_sets]
        if max(counts) - min(counts) > 1:
            t.fail(
                "the folds are stratified",
                "property",
                f"class {label} is spread over the validation folds as {counts}: use stratified_kfold.",
            )
    t.passed("the folds are stratified", "property")

    if isinstance(scores, float | int | np.floating) or (isinstance(scores, np.ndarray) and scores.ndim == 0):
        t.fail(
            "cross_validate returns the k validation scores",
            "shape",
            f"cross_validate returned one number; return all {K} fold scores as an array (the caller can "
            "average them — and should look at their spread too).",
        )
    expected = []
    for record in trained:
        sources, y_eval, value = record["evals"][-1]
        if y_eval is None:  # scored with predict: the accuracy on the identified rows
            value = float(np.mean(value == y[[s[2] for s in sources]]))
        expected.append(value)
    t.expect_close("cross_validate returns the k validation scores", scores, np.array(expected), rtol=1e-9, atol=1e-12)
    t.expect_array("cross_validate: float scores", scores, shape=(K,), dtype_kind="f")
    t.note(
        "fold accuracies: "
        + ", ".join(f"{v:.3f}" for v in expected)
        + f"; mean {np.mean(expected):.3f} ± {np.std(expected):.3f} (the spread is part of the answer)."
    )
