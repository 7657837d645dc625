# expect: per-tensor clipping
# expect: GLOBAL norm
import numpy as np


def global_norm(grads):
    return float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))


def clip_by_global_norm(grads, max_norm):
    total = global_norm(grads)
    out = []
    for g in grads:  # like tf.clip_by_norm applied to each tensor
        n = np.linalg.norm(g)
        out.append(g * max_norm / n if n > max_norm else g)
    return out, total
