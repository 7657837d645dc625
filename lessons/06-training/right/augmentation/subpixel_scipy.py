"""Heavier, still within the rules: sub-pixel shifts up to 2 px, rotations up to 15 degrees, strong noise."""

import numpy as np
from scipy import ndimage


def augment(images, rng):
    out = np.empty_like(images)
    for i, image in enumerate(images):
        moved = ndimage.rotate(image, rng.uniform(-15, 15), reshape=False, order=1)
        moved = ndimage.shift(moved, rng.uniform(-2, 2, size=2), order=1)  # fractional shifts interpolate
        out[i] = np.clip(moved + rng.normal(0, 1.0, size=moved.shape), 0, 16)
    return out


def prepare_data(X_train, y_train, X_test, rng, copies=3):
    images = X_train.reshape(-1, 8, 8)
    stacked = np.concatenate([images] + [augment(images, rng) for _ in range(copies)])
    return stacked.reshape(-1, 64) / 16, np.tile(y_train, copies + 1), X_test / 16
