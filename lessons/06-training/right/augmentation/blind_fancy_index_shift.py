import numpy as np


def augment(images, rng):
    n = images.shape[0]
    off = rng.integers(-1, 2, size=(n, 2))            # (dy, dx) per image
    padded = np.zeros((n, 12, 12), dtype=np.float64)
    padded[:, 2:10, 2:10] = images
    r = np.arange(8)
    rows = (2 - off[:, 0])[:, None, None] + r[None, :, None]
    cols = (2 - off[:, 1])[:, None, None] + r[None, None, :]
    shifted = padded[np.arange(n)[:, None, None], rows, cols]
    noisy = shifted + rng.uniform(-0.8, 0.8, size=shifted.shape)
    return np.clip(noisy, 0.0, 16.0).astype(images.dtype, copy=False)


def prepare_data(X_train, y_train, X_test, rng, copies=3):
    n = X_train.shape[0]
    X_big = np.empty((n * (copies + 1), 64), dtype=np.float64)
    X_big[:n] = X_train
    for c in range(copies):
        X_big[(c + 1) * n:(c + 2) * n] = augment(X_train.reshape(n, 8, 8), rng).reshape(n, 64)
    X_big /= 16.0
    y_big = np.concatenate([y_train] * (copies + 1))
    return X_big, y_big, X_test / 16.0
