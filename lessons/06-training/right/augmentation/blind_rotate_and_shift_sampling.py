import numpy as np


def augment(images, rng):
    src = np.asarray(images)
    n = src.shape[0]
    out = np.zeros_like(src)
    rr, cc = np.meshgrid(np.arange(8), np.arange(8), indexing="ij")
    centre = 3.5
    for i in range(n):
        ang = np.deg2rad(rng.uniform(-12, 12))
        sy, sx = rng.integers(-2, 3, size=2)
        c, s = np.cos(ang), np.sin(ang)
        y0 = rr - centre - sy
        x0 = cc - centre - sx
        ys = np.rint(c * y0 + s * x0 + centre).astype(int)
        xs = np.rint(-s * y0 + c * x0 + centre).astype(int)
        ok = (ys >= 0) & (ys < 8) & (xs >= 0) & (xs < 8)
        img = np.zeros((8, 8), dtype=np.float64)
        img[ok] = src[i][ys[ok], xs[ok]]
        img += rng.normal(0.0, 0.3, size=(8, 8))
        out[i] = np.clip(img, 0, 16).astype(src.dtype)
    return out


def prepare_data(X_train, y_train, X_test, rng, copies=3):
    X = np.asarray(X_train)
    imgs = X.reshape(len(X), 8, 8)
    rows, labels = [X.astype(np.float64)], [np.asarray(y_train)]
    for _ in range(copies):
        rows.append(augment(imgs, rng).reshape(len(X), 64).astype(np.float64))
        labels.append(np.asarray(y_train))
    return np.vstack(rows) / 16.0, np.concatenate(labels), np.asarray(X_test) / 16.0
