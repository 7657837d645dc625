# expect: Manhattan
import numpy as np


def assign_clusters(X, centroids):
    d = np.abs(X[:, None, :] - centroids[None, :, :]).sum(axis=2)
    return d.argmin(axis=1)


def update_centroids(X, labels, centroids):
    new = centroids.copy()
    for k in range(len(centroids)):
        if np.any(labels == k):
            new[k] = X[labels == k].mean(axis=0)
    return new


def kmeans(X, init_centroids, max_iters=100):
    centroids = init_centroids.copy()
    labels = assign_clusters(X, centroids)
    for _ in range(max_iters):
        centroids = update_centroids(X, labels, centroids)
        new_labels = assign_clusters(X, centroids)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    return centroids, labels
