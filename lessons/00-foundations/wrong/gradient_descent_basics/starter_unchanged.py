# expect: not implemented
import numpy as np


def bowl(x):
    return (x - 3.0) ** 2 + 1.0


def bowl_grad(x):
    raise NotImplementedError


def valley(p):
    x, y = p[0], p[1]
    return (1.0 - x) ** 2 + 5.0 * (y - x ** 2) ** 2


def valley_grad(p):
    raise NotImplementedError


def gradient_descent(grad, x0, lr, steps):
    raise NotImplementedError
