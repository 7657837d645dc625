"""Shifts only, one image at a time; each original is followed by its own copies."""

import numpy as np


def shift(image, dy, dx):
    out = np.zeros_like(image)
    src = image[max(0, -dy):8 - max(0, dy), max(0, -dx):8 - max(0, dx)]
    out[max(0, dy):max(0, dy) + src.shape[0], max(0, dx):max(0, dx) + src.shape[1]] = src
    return out


def augment(images, rng):
    result = images.copy()
    for i in range(len(images)):
        dy, dx = (int(v) for v in rng.integers(-1, 2, size=2))
        result[i] = shift(images[i], dy, dx)
    return result


def prepare_data(X_train, y_train, X_test, rng, copies=3):
    n = len(X_train)
    images = X_train.reshape(n, 8, 8)
    versions = np.stack([images] + [augment(images, rng) for _ in range(copies)], axis=1)  # (n, copies+1, 8, 8)
    return versions.reshape(n * (copies + 1), 64) / 16.0, np.repeat(y_train, copies + 1), X_test / 16.0
