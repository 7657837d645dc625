import numpy as np


def assign_clusters(X, centroids):
    d2 = (X ** 2).sum(1)[:, None] - 2 * X @ centroids.T + (centroids ** 2).sum(1)[None, :]
    return d2.argmin(axis=1)


def update_centroids(X, labels, centroids):
    k = centroids.shape[0]
    counts = np.bincount(labels, minlength=k).astype(float)
    sums = np.zeros_like(centroids, dtype=float)
    np.add.at(sums, labels, X)
    new = centroids.astype(float).copy()
    has = counts > 0
    new[has] = sums[has] / counts[has, None]
    return new


def kmeans(X, init_centroids, max_iters=100):
    c = init_centroids.copy()
    labels = None
    while True:
        new_labels = assign_clusters(X, c)
        if labels is not None and (new_labels == labels).all():
            break
        labels = new_labels
        c = update_centroids(X, labels, c)
    return c, labels
