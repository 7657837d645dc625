import numpy as np


def global_norm(grads):
    return float(np.linalg.norm(np.concatenate([np.ravel(g) for g in grads])))


def clip_by_global_norm(grads, max_norm):
    # like tf.clip_by_global_norm: t * clip_norm / max(global_norm, clip_norm)
    norm = global_norm(grads)
    return [g * max_norm / max(norm, max_norm) for g in grads], norm
