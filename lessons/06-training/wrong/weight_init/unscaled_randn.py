# expect: without any scaling
import numpy as np


def xavier_uniform(fan_in, fan_out, rng):
    return rng.uniform(-1, 1, size=(fan_in, fan_out)) * np.sqrt(3)


def he_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
