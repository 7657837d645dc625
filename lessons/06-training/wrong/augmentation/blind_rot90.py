# expect: rotations of at most 15 degrees
# mistake: random 90-degree rotations (np.rot90): far beyond 15 degrees, turns 6 into 9-like shapes
import numpy as np


def augment(images, rng):
    n = images.shape[0]
    dy = rng.integers(-1, 2, size=n)
    dx = rng.integers(-1, 2, size=n)
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1)))
    out = np.empty_like(images)
    for i in range(n):
        out[i] = padded[i, 1 - dy[i]:9 - dy[i], 1 - dx[i]:9 - dx[i]]
    k = rng.integers(0, 4, size=n)
    for i in range(n):
        out[i] = np.rot90(out[i], k[i])
    out = out + rng.normal(0, 0.5, size=images.shape)
    out = np.clip(out, 0, 16)
    return out.astype(images.dtype)


def prepare_data(X_train, y_train, X_test, rng, copies=3):
    images = X_train.reshape(-1, 8, 8)
    versions = [images] + [augment(images, rng) for _ in range(copies)]
    X_big = np.concatenate(versions).reshape(-1, 64) / 16
    y_big = np.tile(y_train, copies + 1)
    return X_big, y_big, X_test / 16
