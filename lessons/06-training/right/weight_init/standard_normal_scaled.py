"""Scale a standard normal / a unit uniform by hand."""
import math

import numpy as np


def xavier_uniform(fan_in, fan_out, rng):
    bound = math.sqrt(6 / (fan_in + fan_out))
    return (2 * rng.random((fan_in, fan_out)) - 1) * bound


def he_normal(fan_in, fan_out, rng):
    std = math.sqrt(2) / math.sqrt(fan_in)
    return std * rng.standard_normal((fan_in, fan_out)).astype(np.float64)
