"""Reference solution: Xavier (Glorot) uniform and He (Kaiming) normal initialisation."""

import numpy as np


def xavier_uniform(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    bound = np.sqrt(6.0 / (fan_in + fan_out))  # U(-a, a) has variance a²/3 = 2 / (fan_in + fan_out)
    return rng.uniform(-bound, bound, size=(fan_in, fan_out))


def he_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
