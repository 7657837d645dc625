# expect: not implemented
"""Gradient clipping by the global norm.

global_norm(grads): grads is a list of arrays (one per parameter). Their global norm is the
Euclidean norm of all their entries together, as if concatenated into one long vector.

clip_by_global_norm(grads, max_norm): if the global norm exceeds max_norm, scale EVERY array
by the same factor so that the global norm becomes max_norm; otherwise leave them unchanged.
Return (list of clipped arrays, global norm before clipping) — the rule of
torch.nn.utils.clip_grad_norm_ (which adds 1e-6 to the norm before dividing, so an all-zero
gradient stays zero). NumPy only. Run `dltutor check grad_clipping`.
"""

import numpy as np


def global_norm(grads: list[np.ndarray]) -> float:
    """The Euclidean norm of all gradients taken together, as if concatenated into one vector."""
    # TODO
    raise NotImplementedError


def clip_by_global_norm(grads: list[np.ndarray], max_norm: float) -> tuple[list[np.ndarray], float]:
    """Scale every gradient by the same factor so the global norm is at most max_norm.

    Returns (clipped gradients, global norm before clipping), like torch.nn.utils.clip_grad_norm_.
    """
    # TODO
    raise NotImplementedError
