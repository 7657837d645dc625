"""torch.nn.init style: a gain and a fan mode; float32 weights."""
import numpy as np


def _std(gain, fan):
    return gain / np.sqrt(fan)


def xavier_uniform(fan_in, fan_out, rng):
    std = 1.0 * np.sqrt(2.0 / float(fan_in + fan_out))
    a = np.sqrt(3.0) * std
    return rng.uniform(low=-a, high=a, size=(fan_in, fan_out)).astype(np.float32)


def he_normal(fan_in, fan_out, rng):
    gain = np.sqrt(2.0)  # calculate_gain('relu')
    return rng.normal(loc=0.0, scale=_std(gain, fan_in), size=(fan_in, fan_out)).astype(np.float32)
