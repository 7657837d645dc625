# expect: not implemented
import numpy as np


def softmax(x):
    raise NotImplementedError
