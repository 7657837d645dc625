# expect: without keepdims=True drop the last axis
import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1))
    return e / e.sum(axis=-1)
