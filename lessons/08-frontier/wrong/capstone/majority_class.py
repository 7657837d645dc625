# expect: majority-class
import numpy as np


def train(texts, labels, report=None):
    majority = int(np.bincount(labels).argmax())
    return lambda new: np.full(len(new), majority)
