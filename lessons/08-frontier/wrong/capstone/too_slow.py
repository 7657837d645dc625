# expect: longer than 60
import time

import numpy as np


def train(texts, labels, report=None):
    # "more epochs can only help": a grid search over everything, far past any budget
    for _epoch in range(10_000):
        time.sleep(0.05)
    return lambda new: np.zeros(len(new), dtype=int)
