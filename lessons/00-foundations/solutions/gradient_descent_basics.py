"""Reference solution: gradient descent on a 1-D bowl and a 2-D curved valley."""

import numpy as np


def bowl(x):
    """f(x) = (x - 3)**2 + 1: a 1-D quadratic bowl with its minimum 1 at x = 3."""
    return (x - 3.0) ** 2 + 1.0


def bowl_grad(x):
    """f'(x) for the bowl."""
    return 2.0 * (x - 3.0)


def valley(p):
    """f(x, y) = (1 - x)**2 + 5*(y - x**2)**2: a curved valley with its minimum 0 at (1, 1)."""
    x, y = p[0], p[1]
    return (1.0 - x) ** 2 + 5.0 * (y - x**2) ** 2


def valley_grad(p):
    """The gradient [df/dx, df/dy] of the valley, as an array of shape (2,)."""
    x, y = p[0], p[1]
    return np.array([-2.0 * (1.0 - x) - 20.0 * x * (y - x**2), 10.0 * (y - x**2)])


def gradient_descent(grad, x0, lr, steps):
    """Take `steps` steps x <- x - lr * grad(x) from x0; return every point, x0 first.

    The result has shape (steps + 1,) + np.shape(x0).
    """
    x = np.array(x0, dtype=float)
    path = [x]
    for _ in range(steps):
        x = x - lr * np.asarray(grad(x), dtype=float)
        path.append(x)
    return np.array(path)
