# expect: used as the standard deviation
# mistake: xavier draws from a normal with the uniform bound a as std (sqrt(3) too wide, wrong distribution)
import numpy as np


def xavier_uniform(fan_in, fan_out, rng):
    a = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.normal(0.0, a, size=(fan_in, fan_out))


def he_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
