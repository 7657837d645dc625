# variant: builds U(-a,a) as -a + 2a*rng.random() and N(0,s) as s*rng.standard_normal()
import numpy as np


def xavier_uniform(fan_in, fan_out, rng):
    a = (6.0 / (fan_in + fan_out)) ** 0.5
    u = rng.random((fan_in, fan_out))
    return -a + 2.0 * a * u


def he_normal(fan_in, fan_out, rng):
    std = (2.0 / fan_in) ** 0.5
    return std * rng.standard_normal((fan_in, fan_out))
