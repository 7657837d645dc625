# expect: expected shape (400, 100), got (40000,)
# mistake: size=fan_in * fan_out returns a flat 1-D vector, not shape (fan_in, fan_out)
import numpy as np


def xavier_uniform(fan_in, fan_out, rng):
    a = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=fan_in * fan_out)


def he_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=fan_in * fan_out)
