# expect: *farthest* centroid
import numpy as np


def assign_clusters(X, centroids):
    d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(-1)
    return d2.argmax(axis=1)


def update_centroids(X, labels, centroids):
    new = centroids.astype(float).copy()
    for j in range(len(centroids)):
        if np.any(labels == j):
            new[j] = X[labels == j].mean(axis=0)
    return new


def kmeans(X, init_centroids, max_iters=100):
    c = np.array(init_centroids, dtype=float)
    labels = assign_clusters(X, c)
    for _ in range(max_iters):
        c = update_centroids(X, labels, c)
        new = assign_clusters(X, c)
        if np.array_equal(new, labels):
            break
        labels = new
    return c, labels
