# expect: gradients that are all zeros
"""Gradient clipping by the global norm."""

import numpy as np


def global_norm(grads):
    return float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))

def clip_by_global_norm(grads, max_norm):
    total = global_norm(grads)
    scale = min(1.0, max_norm / total)
    return [g * scale for g in grads], total

