# expect: clipping by value
# expect: direction
import numpy as np


def global_norm(grads):
    return float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))


def clip_by_global_norm(grads, max_norm):
    return [np.clip(g, -max_norm, max_norm) for g in grads], global_norm(grads)
