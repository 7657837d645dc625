"""Reference solution: k-means (Lloyd's algorithm) with empty clusters kept in place."""

import numpy as np


def assign_clusters(X: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """For each row of X (N, D), the index of the nearest centroid (k, D): labels (N,) ints."""
    d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=-1)  # (N, k)
    return np.argmin(d2, axis=1)


def update_centroids(X: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Each centroid moved to the mean of its points; a centroid with no points stays where it was."""
    new = centroids.astype(float).copy()
    for j in range(centroids.shape[0]):  # a loop over k clusters, not over points
        members = X[labels == j]
        if len(members) > 0:
            new[j] = members.mean(axis=0)
    return new


def kmeans(X: np.ndarray, init_centroids: np.ndarray, max_iters: int = 100):
    """Alternate assignment and update from init_centroids until the labels stop changing.

    Returns (centroids, labels).
    """
    centroids = np.array(init_centroids, dtype=float)
    labels = assign_clusters(X, centroids)
    for _ in range(max_iters):
        centroids = update_centroids(X, labels, centroids)
        new_labels = assign_clusters(X, centroids)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return centroids, labels
