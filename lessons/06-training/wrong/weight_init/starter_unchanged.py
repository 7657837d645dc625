# expect: not implemented
"""Weight initialisation that keeps the signal's scale through many layers.

    xavier_uniform: U(-a, a),  a = sqrt(6 / (fan_in + fan_out))     (for tanh / sigmoid layers)
    he_normal:      N(0, 2 / fan_in)   — the variance, not the std    (for ReLU layers)

Both return an array of shape (fan_in, fan_out), so that a layer computes x @ W.

Run `dltutor check weight_init` to test your implementation.
"""

import numpy as np


def xavier_uniform(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    # TODO
    raise NotImplementedError


def he_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    # TODO
    raise NotImplementedError
