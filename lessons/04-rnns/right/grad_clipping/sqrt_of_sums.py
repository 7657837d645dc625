import numpy as np


def global_norm(grads):
    return float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))


def clip_by_global_norm(grads, max_norm):
    norm = global_norm(grads)
    scale = min(1.0, max_norm / (norm + 1e-12))
    return [g * scale for g in grads], norm
