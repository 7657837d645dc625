# expect: rejected them
"""Reference solution: loss at initialisation, a gradient check, overfitting one batch."""

import numpy as np


def init_loss_ok(model, X: np.ndarray, y: np.ndarray, num_classes: int, rtol: float = 0.1) -> bool:
    """Is the untrained model's loss close to a know-nothing model's?"""
    # Knowing nothing means p = 1/C for every class, so every sample costs -log(1/C) = ln C.
    expected = np.log(num_classes)
    return bool(abs(model.loss(X, y) - expected) <= rtol * expected)


def gradients_ok(model, X: np.ndarray, y: np.ndarray, eps: float = 1e-5, tol: float = 1e-5) -> bool:
    """Do the analytic gradients match central differences, entry by entry?"""
    analytic = model.grads(X, y)
    worst = 0.0
    for p, a in zip(model.params, analytic, strict=True):
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + eps
            up = model.loss(X, y)
            p[i] = old - eps
            down = model.loss(X, y)
            p[i] = old  # restore exactly: later entries (and the caller) must see the original weights
            numeric = (down - up) / (2 * eps)
            worst = max(worst, abs(a[i] - numeric) / max(abs(a[i]) + abs(numeric), 1e-12))
    return bool(worst < tol)


def overfits_one_batch(model, X: np.ndarray, y: np.ndarray, steps: int = 200, target: float = 0.05) -> bool:
    """Can the model drive its loss on one small batch below `target`?"""
    for _ in range(steps):
        model.step(X, y)
    return bool(model.loss(X, y) < target)
