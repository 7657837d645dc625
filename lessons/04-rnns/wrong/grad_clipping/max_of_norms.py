# expect: largest per-tensor norm
import numpy as np
def global_norm(grads):
    return float(max(np.linalg.norm(g) for g in grads))
def clip_by_global_norm(grads, max_norm):
    norm = global_norm(grads)
    s = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return [g * s for g in grads], norm
