"""Checker: splits that are complete, disjoint, random (from rng) and, when asked, stratified."""

import math

import numpy as np

from tutor.checks import Checker

SWAPPED = (
    "your test part has {got} indices and your training part the {want} the test part should have: "
    "the two are returned the wrong way round. Return them in the order (train_idx, test_idx)."
)


def _sorted_labels(counts):
    return np.repeat(np.arange(len(counts)), counts)


def _parts(t: Checker, name, out, n):
    """Validate (train_idx, test_idx): integer arrays covering range(n) exactly once."""
    if not (isinstance(out, tuple | list) and len(out) == 2):
        t.fail(
            f"{name}: returns (train_idx, test_idx)",
            "shape",
            f"expected a pair (train_idx, test_idx), got {type(out).__name__}",
        )
    train, test = (np.asarray(part) for part in out)
    if train.dtype.kind not in "iu" or test.dtype.kind not in "iu":
        hint = (
            " — did you return the data rows instead of their indices?"
            if train.ndim > 1
            else " — boolean masks or float arrays cannot index the same way; return integer indices."
        )
        t.fail(
            f"{name}: integer index arrays",
            "shape",
            f"expected integer index arrays, got {train.dtype} and {test.dtype}{hint}",
        )
    both = np.concatenate([train.ravel(), test.ravel()])
    overlap = np.intersect1d(train, test)
    if overlap.size:
        t.fail(
            f"{name}: train and test are disjoint",
            "property",
            f"{overlap.size} indices are in both parts (e.g. {int(overlap[0])}): a sample in both the "
            "training and the test set makes the test score meaningless.",
        )
    if both.size != n or not np.array_equal(np.sort(both), np.arange(n)):
        missing = np.setdiff1d(np.arange(n), both)
        t.fail(
            f"{name}: every index exactly once",
            "property",
            f"the two parts hold {both.size} indices for n = {n}"
            + (f"; missing e.g. {int(missing[0])}" if missing.size else "")
            + " — together they must be a permutation of range(n).",
        )
    return train, test


def check(t: Checker) -> None:
    with t.part("shuffled_split"):
        _check_shuffled(t)
    with t.part("stratified_split"):
        _check_stratified(t)


def _check_shuffled(t: Checker) -> None:
    f = t.function("shuffled_split")
    seed = int(t.rng.integers(2**31))
    n, frac = 103, 0.2
    train, test = _parts(t, "n=103, 20% test", t.call(f, n, frac, np.random.default_rng(seed)), n)
    t.passed("n=103, 20% test: complete and disjoint", "property")
    if abs(train.size - n * frac) < 1 and not abs(test.size - n * frac) < 1:
        t.fail("test size", "value", SWAPPED.format(got=test.size, want=int(round(n * frac))))
    t.expect(
        "test size",
        abs(test.size - n * frac) < 1,
        f"the test part has {test.size} indices; {n} * {frac} = {n * frac:g}, so it should have "
        f"{int(round(n * frac))}.",
    )
    _expect_rounded_size(t, f, n, frac, test.size)
    # 101 * 0.2 = 20.2: rounding gives 20 where ceil gives 21 (103 * 0.2 = 20.6 told int() apart).
    n2 = 101
    _, test2 = _parts(t, "n=101, 20% test", t.call(f, n2, frac, np.random.default_rng(seed)), n2)
    _expect_rounded_size(t, f, n2, frac, test2.size)
    t.passed("test size is int(round(n * test_fraction))", "value", "21 of 103 and 20 of 101 at 20%")
    tail, head = np.arange(n - test.size, n), np.arange(test.size)
    if np.array_equal(np.sort(test), tail) or np.array_equal(np.sort(test), head):
        t.fail(
            "shuffled",
            "property",
            "the test set is the last (or first) block of rows: nothing was shuffled. Data sets are "
            "often sorted (by class, by date), so that block can hold a single class. Permute first: "
            "rng.permutation(n).",
        )
    t.passed("shuffled", "property")
    again = t.call(f, n, frac, np.random.default_rng(seed))
    other = t.call(f, n, frac, np.random.default_rng(seed + 1))
    same_seed_same = np.array_equal(np.asarray(again[1]), test)
    new_seed_differs = not np.array_equal(np.sort(np.asarray(other[1])), np.sort(test))
    t.expect(
        "randomness comes from rng",
        same_seed_same and new_seed_differs,
        "the split does not follow the `rng` argument: the same seed must give the same split and "
        "another seed another one. Use rng.permutation, not np.random.* or a fixed seed.",
        kind="property",
    )
    labels = _sorted_labels([60, 43])  # sorted by class, as files often are
    fractions = []
    for trial in range(5):
        tr, te = (np.asarray(p) for p in t.call(f, labels.size, 0.3, np.random.default_rng(seed + 10 + trial)))
        fractions.append(labels[te].mean())
    t.expect(
        "classes are mixed in the test set",
        0.0 < min(fractions) and max(fractions) < 1.0,
        "on labels sorted by class, your test sets held one class only: shuffle before cutting.",
        kind="property",
    )


def _size_slip(exact: float, got: int) -> str:
    """The rounding a wrong test size comes from, said as the code that makes it."""
    if got == math.floor(exact):
        return "int() truncates (or // floors)"
    if got == math.ceil(exact):
        return "math.ceil rounds up"
    return "the size is off"


def _expect_rounded_size(t: Checker, f: object, n: int, frac: float, size: int) -> None:
    want = int(round(n * frac))
    if size != want:
        t.fail(
            "test size is int(round(n * test_fraction))",
            "value",
            f"with n={n} and test_fraction={frac}, n * test_fraction = {n * frac:g} and the test part should "
            f"have int(round({n * frac:g})) = {want} indices, as the docstring says; yours has {size}: "
            f"{_size_slip(n * frac, size)}. Use k = int(round(n * test_fraction)).",
            expected=want,
            got=size,
        )


def _check_stratified(t: Checker) -> None:
    f = t.function("stratified_split")
    seed = int(t.rng.integers(2**31))
    counts = [300, 61, 19]
    y = t.rng.permutation(_sorted_labels(counts))
    frac = 0.25
    want = [int(round(c * frac)) for c in counts]
    train, test = _parts(t, "3 classes (300/61/19)", t.call(f, y.copy(), frac, np.random.default_rng(seed)), y.size)
    t.passed("3 classes: complete and disjoint", "property")
    # Ten seeds: a plain random split gets all three counts right by chance
    # about one time in ten, so it fails ten in a row with certainty.
    for trial in range(10):
        out = t.call(f, y.copy(), frac, np.random.default_rng(seed + trial))
        tr, te = _parts(t, f"3 classes, seed #{trial}", out, y.size)
        got = [int(np.sum(y[te] == c)) for c in range(len(counts))]
        got_train = [int(np.sum(y[tr] == c)) for c in range(len(counts))]
        if got_train == want and got != want:
            t.fail(
                "each class split in proportion",
                "value",
                SWAPPED.format(got=te.size, want=sum(want)),
                got=got,
                expected=want,
            )
        if any(abs(g - c * frac) >= 1 for g, c in zip(got, counts, strict=True)):
            t.fail(
                "each class split in proportion",
                "property",
                f"test counts per class {got}, expected {want} (25% of {counts}, rounded): a plain random "
                "split lets the proportions drift, and a rare class can all but vanish from one side. "
                "Split each class's indices separately.",
                got=got,
                expected=want,
            )
        if got != want:
            slips = {_size_slip(c * frac, g) for g, c in zip(got, counts, strict=True) if g != int(round(c * frac))}
            t.fail(
                "each class split in proportion",
                "value",
                f"test counts per class {got}, expected {want}: each class sends int(round(count * "
                f"{frac})) indices to the test part ({', '.join(f'{c * frac:g}' for c in counts)} round to "
                f"{want}), as the docstring says; {' and '.join(sorted(slips))}.",
                got=got,
                expected=want,
            )
    t.passed("each class split in proportion", "property", f"test counts {want} in 10 random splits")
    again = t.call(f, y.copy(), frac, np.random.default_rng(seed))
    other = t.call(f, y.copy(), frac, np.random.default_rng(seed + 1))
    t.expect(
        "randomness comes from rng",
        np.array_equal(np.asarray(again[1]), test) and not np.array_equal(np.sort(np.asarray(other[1])), np.sort(test)),
        "the split does not follow the `rng` argument (or does not shuffle within each class: then "
        "every seed picks the same samples). Permute each class's indices with rng.permutation.",
        kind="property",
    )
    labels = np.array([0, 1, 1, 0, 2, 2, 2, 0, 1, 2, 1, 0])
    names = np.array(["cat", "dog", "eel"])[labels]
    out = t.call(
        f,
        names,
        0.5,
        np.random.default_rng(seed),
        step="string labels: runs",
        hint=lambda e: (
            "labels can be any values (here 'cat', 'dog', 'eel'): loop over "
            "np.unique(y), not over range(number of classes)."
        ),
    )
    tr, te = _parts(t, "string labels", out, labels.size)
    t.expect(
        "works for any label values",
        sorted(np.bincount(labels[te]).tolist()) == [2, 2, 2],
        "with labels 'cat'/'dog'/'eel' the test part should take half of each class: loop over "
        "np.unique(y), not over range(number of classes).",
    )
