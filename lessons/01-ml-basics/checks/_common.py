"""Helpers and data generators the 01-ml-basics checkers share.

Imported at the top of each checker, before the learner's module exists in
the process, so everything captured here is the real thing.
"""

from __future__ import annotations

from typing import Any

import numpy as np

# ----------------------------------------------------------------- calling ---


def shape_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, ValueError | np.linalg.LinAlgError) and any(
        word in text for word in ("shape", "matmul", "dimension", "aligned", "broadcast", "singular", "square")
    )


def as_float(value: Any) -> float:
    try:
        return float(np.asarray(value, dtype=float).reshape(()))
    except (TypeError, ValueError):
        return float("nan")


# -------------------------------------------------------------------- data ---


def house_prices(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """A made-up housing market: X (n, 3) = [area in 100 m², rooms, age in decades], y in 100k.

    The price is linear in the features plus noise, so least squares is the
    right model; area and rooms are correlated, as they are in real data.
    """
    area = rng.uniform(0.4, 2.5, n)
    rooms = np.clip(np.round(area * 2.2 + rng.normal(0.0, 0.6, n)), 1, 8)
    age = rng.uniform(0.0, 6.0, n)
    price = 0.8 + 2.1 * area + 0.25 * rooms - 0.3 * age + rng.normal(0.0, 0.35, n)
    return np.column_stack([area, rooms, age]), price


def blobs(
    rng: np.random.Generator,
    k: int,
    n_per: int,
    spread: float = 0.6,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """k well-separated 2-D Gaussian clusters: X (k*n_per, 2), true labels, true centres."""
    angles = rng.permutation(k) * 2 * np.pi / k + rng.uniform(0, 2 * np.pi)
    centres = np.column_stack([np.cos(angles), np.sin(angles)]) * 5.0 + rng.normal(0, 0.3, (k, 2))
    X = np.concatenate([c + spread * rng.standard_normal((n_per, 2)) for c in centres])
    labels = np.repeat(np.arange(k), n_per)
    order = rng.permutation(len(X))
    return X[order], labels[order], centres


def digits_pair(a: int, b: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Digits a (label 0) and b (label 1) from load_digits(), pixels scaled to [0, 1],
    a bias column of ones first; a seeded stratified split: X_train, X_test, y_train, y_test."""
    from tutor.datasets import load_digits, split

    X, y = load_digits()
    keep = (y == a) | (y == b)
    X = X[keep] / 16.0
    y = (y[keep] == b).astype(np.float64)
    X = np.column_stack([np.ones(len(X)), X])
    return split(X, y, test_fraction=0.25, seed=seed)
