"""Per-image loop: a small rotation with scipy, then np.roll by up to one pixel."""

import numpy as np
from scipy.ndimage import rotate


def augment(images, rng):
    out = np.empty_like(images)
    for i, image in enumerate(images):
        angle = rng.uniform(-10.0, 10.0)
        turned = rotate(image, angle, reshape=False, order=1, mode="constant", cval=0.0)
        dy, dx = rng.integers(-1, 2, size=2)
        # np.roll wraps a border column around; the digits' borders are nearly always blank
        out[i] = np.clip(np.roll(turned, (dy, dx), axis=(0, 1)), 0, 16)
    return out


def prepare_data(X_train, y_train, X_test, rng, copies=3):
    images = X_train.reshape(len(X_train), 8, 8)
    blocks, labels = [X_train], [y_train]
    for _ in range(copies):
        blocks.append(augment(images, rng).reshape(len(X_train), 64))
        labels.append(y_train)
    return np.vstack(blocks) / 16, np.concatenate(labels), X_test / 16
