# expect: not implemented
import numpy as np


def nhwc_to_nchw(images):
    raise NotImplementedError


def center_channels(images):
    raise NotImplementedError


def batch_outer(a, b):
    raise NotImplementedError
