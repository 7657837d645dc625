# expect: vertical flip
"""Adds random upside-down flips."""


import numpy as np


def augment(images, rng):
    n = len(images)
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1)))  # a border of zeros to shift into
    dy = rng.integers(-1, 2, size=n)  # each image its own shift in {-1, 0, 1}
    dx = rng.integers(-1, 2, size=n)
    rows = np.arange(8)[None, :] + 1 - dy[:, None]  # (n, 8): where each output row comes from
    cols = np.arange(8)[None, :] + 1 - dx[:, None]
    shifted = padded[np.arange(n)[:, None, None], rows[:, :, None], cols[:, None, :]]
    flip = rng.random(n) < 0.5
    shifted[flip] = shifted[flip, ::-1, :]
    noisy = shifted + rng.normal(0.0, 0.5, size=shifted.shape)
    return np.clip(noisy, 0.0, 16.0).astype(images.dtype)


def prepare_data(X_train, y_train, X_test, rng, copies=3):
    images = X_train.reshape(-1, 8, 8)
    versions = [images] + [augment(images, rng) for _ in range(copies)]
    X_big = np.concatenate(versions).reshape(-1, 64) / 16.0
    y_big = np.tile(y_train, copies + 1)  # version k of image i sits at k * N + i
    return X_big, y_big, X_test / 16.0
