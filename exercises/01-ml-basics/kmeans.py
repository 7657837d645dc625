"""k-means: the classic unsupervised algorithm (Lloyd's iterations).

assign_clusters(X, centroids)          X (N, D), centroids (k, D) -> labels (N,) ints,
                                       the index of the nearest centroid for each point
update_centroids(X, labels, centroids) -> (k, D): each centroid moves to the mean of its
                                       points; a centroid with *no* points stays where it was
kmeans(X, init_centroids, max_iters=100) -> (centroids, labels): alternate update and
                                       assignment from init_centroids until the labels stop changing

Do not modify the arrays you are given.

Run `dltutor check kmeans` to test your implementation.
"""

import numpy as np


def assign_clusters(X: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """For each row of X (N, D), the index of the nearest centroid (k, D): labels (N,) ints."""
    # TODO: an (N, k) table of squared distances by broadcasting, then argmin over the right axis.
    raise NotImplementedError


def update_centroids(X: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Each centroid moved to the mean of its points; a centroid with no points stays where it was."""
    # TODO: loop over the k clusters (fine: k is small); skip empty ones.
    raise NotImplementedError


def kmeans(X: np.ndarray, init_centroids: np.ndarray, max_iters: int = 100):
    """Alternate assignment and update from init_centroids until the labels stop changing.

    Returns (centroids, labels).
    """
    # TODO
    raise NotImplementedError
