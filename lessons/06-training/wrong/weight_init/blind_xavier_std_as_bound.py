# expect: whose bound is the std
# mistake: xavier uses the std sqrt(2/(fan_in+fan_out)) as the uniform bound (variance 3x too small)
import numpy as np


def xavier_uniform(fan_in, fan_out, rng):
    a = np.sqrt(2.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def he_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
