import numpy as np


def assign_clusters(X, centroids):
    d = np.linalg.norm(X[:, np.newaxis] - centroids, axis=2)
    return np.argmin(d, axis=1)


def update_centroids(X, labels, centroids):
    return np.array([X[labels == j].mean(axis=0) if np.any(labels == j) else centroids[j]
                     for j in range(len(centroids))])


def kmeans(X, init_centroids, max_iters=100):
    # the classic tutorial loop: stop when the centroids stop moving
    centroids = np.asarray(init_centroids, dtype=float)
    for _ in range(max_iters):
        labels = assign_clusters(X, centroids)
        new = update_centroids(X, labels, centroids)
        if np.allclose(new, centroids):
            break
        centroids = new
    return centroids, assign_clusters(X, centroids)
