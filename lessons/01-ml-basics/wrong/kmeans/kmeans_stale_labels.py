# expect: keep alternating
import numpy as np


def assign_clusters(X, centroids):
    return ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(-1).argmin(axis=1)


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
        new_c = update_centroids(X, labels, c)
        if np.allclose(new_c, c):
            break
        c = new_c
    # forgot to reassign inside the loop: the labels are those of the initial centroids
    return c, labels
