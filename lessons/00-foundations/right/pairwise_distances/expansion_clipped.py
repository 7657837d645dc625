import numpy as np


def normalize_rows(X):
    sq = np.einsum("ij,ij->i", X, X)
    lengths = np.sqrt(sq)[:, None]
    out = np.zeros_like(X, dtype=float)
    np.divide(X, lengths, out=out, where=lengths > 0)
    return out


def pairwise_distances(X, Y):
    # ||x - y||^2 = ||x||^2 + ||y||^2 - 2 x.y, clipped against rounding below 0
    xx = (X ** 2).sum(axis=1)[:, None]
    yy = (Y ** 2).sum(axis=1)[None, :]
    sq = xx + yy - 2.0 * X @ Y.T
    return np.sqrt(np.clip(sq, 0.0, None))
