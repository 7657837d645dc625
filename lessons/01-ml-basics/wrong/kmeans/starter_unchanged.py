# expect: not implemented
def assign_clusters(X, centroids):
    raise NotImplementedError


def update_centroids(X, labels, centroids):
    raise NotImplementedError


def kmeans(X, init_centroids, max_iters=100):
    raise NotImplementedError
