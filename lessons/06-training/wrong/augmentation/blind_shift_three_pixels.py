# expect: the task allows shifts of at most 2
# mistake: shifts of up to 3 pixels (task: at most 2)
import numpy as np


def augment(images, rng):
    n = images.shape[0]
    dy = rng.integers(-3, 4, size=n)
    dx = rng.integers(-3, 4, size=n)
    padded = np.pad(images, ((0, 0), (3, 3), (3, 3)))
    out = np.empty_like(images)
    for i in range(n):
        out[i] = padded[i, 3 - dy[i]:11 - dy[i], 3 - dx[i]:11 - dx[i]]
    out = out + rng.normal(0, 0.5, size=images.shape)
    out = np.clip(out, 0, 16)
    return out.astype(images.dtype)


def prepare_data(X_train, y_train, X_test, rng, copies=3):
    images = X_train.reshape(-1, 8, 8)
    versions = [images] + [augment(images, rng) for _ in range(copies)]
    X_big = np.concatenate(versions).reshape(-1, 64) / 16
    y_big = np.tile(y_train, copies + 1)
    return X_big, y_big, X_test / 16
