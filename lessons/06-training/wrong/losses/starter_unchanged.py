# expect: not implemented
"""Losses that stay exact for any logits.

    mse_loss(pred, target)            mean of (pred - target)²
    bce_with_logits(x, z)             -[z·log σ(x) + (1 - z)·log(1 - σ(x))], computed from the logit x
    cross_entropy(x, y, ε)            -Σ_c q_c · log softmax(x)_c,   q = (1 - ε)·one_hot(y) + ε/C

`reduction` is "mean" (the default), "sum" or "none" — as in torch.nn.functional.

Run `dltutor check losses` to test your implementation.
"""

import numpy as np


def _reduce(loss: np.ndarray, reduction: str):
    """Apply 'none' | 'sum' | 'mean' to an unreduced loss; anything else is a ValueError."""
    # TODO
    raise NotImplementedError


def mse_loss(pred: np.ndarray, target: np.ndarray, reduction: str = "mean"):
    # TODO
    raise NotImplementedError


def bce_with_logits(logits: np.ndarray, target: np.ndarray, reduction: str = "mean"):
    """Binary cross-entropy on raw logits; finite and exact for logits of ±1000 (no sigmoid, no clipping)."""
    # TODO
    raise NotImplementedError


def cross_entropy(logits: np.ndarray, labels: np.ndarray, label_smoothing: float = 0.0,
                  reduction: str = "mean"):
    """Cross-entropy of logits (N, C) against integer labels (N,), with torch's label smoothing."""
    # TODO: log-softmax with the row maximum subtracted, then the smoothed target.
    raise NotImplementedError
