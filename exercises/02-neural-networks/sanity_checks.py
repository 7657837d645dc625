"""Sanity checks: three tests to run on a network before you spend hours training it.

Each function receives a `model` with this interface (a small NumPy classifier; the
checker hands you healthy ones and ones with a planted bug):

    model.loss(X, y)   -> float, the mean cross-entropy over C classes on (X, y)
    model.params       -> list of float64 arrays (the weights; `step` changes them in place)
    model.grads(X, y)  -> list of arrays, the model's own (analytic) gradient of
                          loss(X, y) with respect to each array in params, same shapes
    model.step(X, y)   -> None: one gradient-descent step on (X, y), at the model's own rate

init_loss_ok(model, X, y, num_classes, rtol=0.1) -> bool
    True if the loss of the untrained model is within rtol (relative) of what a model
    that knows nothing should score with num_classes classes (the lesson derives it).
gradients_ok(model, X, y, eps=1e-5, tol=1e-5) -> bool
    Compare model.grads with central differences, (L(p + eps) - L(p - eps)) / (2 eps),
    for EVERY entry of every array in params; True if the largest relative error
    |a - n| / max(|a| + |n|, 1e-12) is below tol. Leave every parameter as you found it.
overfits_one_batch(model, X, y, steps=200, target=0.05) -> bool
    Call model.step(X, y) `steps` times on this one small batch; True if the loss
    on it is then below target.

Return plain bools. NumPy only. Run `dltutor check sanity_checks` to test your implementation.
"""

import numpy as np


def init_loss_ok(model, X: np.ndarray, y: np.ndarray, num_classes: int, rtol: float = 0.1) -> bool:
    """Is the untrained model's loss close to a know-nothing model's?"""
    # TODO
    raise NotImplementedError


def gradients_ok(model, X: np.ndarray, y: np.ndarray, eps: float = 1e-5, tol: float = 1e-5) -> bool:
    """Do the analytic gradients match central differences, entry by entry?"""
    # TODO: nudge one entry at a time (in place), evaluate the loss twice, put the entry back.
    raise NotImplementedError


def overfits_one_batch(model, X: np.ndarray, y: np.ndarray, steps: int = 200, target: float = 0.05) -> bool:
    """Can the model drive its loss on one small batch below `target`?"""
    # TODO
    raise NotImplementedError
