# expect: replaced library functions
import numpy as np

np.allclose = lambda *a, **k: True


def softmax(x):
    return x
