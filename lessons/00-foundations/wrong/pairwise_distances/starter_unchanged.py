# expect: not implemented
import numpy as np


def normalize_rows(X):
    raise NotImplementedError


def pairwise_distances(X, Y):
    raise NotImplementedError
