# expect: every weight is 0
# mistake: integer division 6 // (fan_in + fan_out) and 2 // fan_in give 0 for real layer sizes: all-zero weights
import numpy as np


def xavier_uniform(fan_in, fan_out, rng):
    a = np.sqrt(6 // (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def he_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(2 // fan_in), size=(fan_in, fan_out))
