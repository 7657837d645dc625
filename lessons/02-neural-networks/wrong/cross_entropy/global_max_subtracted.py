# expect: underflowed
import numpy as np


def _labels(y):
    y = np.asarray(y)
    return y.argmax(axis=1) if y.ndim == 2 else y


def cross_entropy(logits, y):
    z = logits - np.max(logits)
    logp = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    idx = _labels(y)
    return -np.mean(logp[np.arange(len(idx)), idx])


def cross_entropy_grad(logits, y):
    z = logits - np.max(logits)
    p = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
    idx = _labels(y)
    p[np.arange(len(idx)), idx] -= 1
    return p / len(idx)
