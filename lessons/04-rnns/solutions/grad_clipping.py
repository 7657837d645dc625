"""Reference solution: clipping by the global gradient norm."""

import numpy as np


def global_norm(grads: list[np.ndarray]) -> float:
    """The Euclidean norm of all gradients taken together, as if concatenated into one vector."""
    return float(np.sqrt(sum(np.sum(g**2) for g in grads)))


def clip_by_global_norm(grads: list[np.ndarray], max_norm: float) -> tuple[list[np.ndarray], float]:
    """Scale every gradient by the same factor so the global norm is at most max_norm.

    Returns (clipped gradients, global norm before clipping), like torch.nn.utils.clip_grad_norm_.
    """
    total = global_norm(grads)
    scale = min(1.0, max_norm / (total + 1e-6))
    return [g * scale for g in grads], total
