# variant: computes the target variance first, derives bound = sqrt(3 var); keyword arguments, math module
import math

import numpy as np


def xavier_uniform(fan_in, fan_out, rng):
    var = 2.0 / (fan_in + fan_out)
    bound = math.sqrt(3.0 * var)
    return np.asarray(rng.uniform(low=-bound, high=bound, size=(fan_in, fan_out)), dtype=np.float64)


def he_normal(fan_in, fan_out, rng):
    var = 2.0 / float(fan_in)
    return np.asarray(rng.normal(loc=0.0, scale=math.sqrt(var), size=(fan_in, fan_out)), dtype=np.float64)
