"""Inverted dropout.

In training, each element survives with probability 1 - p and is then scaled by 1 / (1 - p), so the
expected output equals the input; at evaluation time dropout does nothing at all.

Run `dltutor check dropout` to test your implementation.
"""

import numpy as np


def dropout(x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True) -> np.ndarray:
    # TODO
    raise NotImplementedError
