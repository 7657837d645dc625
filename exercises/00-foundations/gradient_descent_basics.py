"""Gradient descent, by hand, on a 1-D bowl and a 2-D curved valley.

bowl(x)   = (x - 3)**2 + 1                       minimum 1 at x = 3
valley(p) = (1 - x)**2 + 5*(y - x**2)**2         minimum 0 at (x, y) = (1, 1)

1. bowl_grad(x): the derivative of the bowl.
2. valley_grad(p): the gradient [df/dx, df/dy] of the valley, shape (2,).
3. gradient_descent(grad, x0, lr, steps): repeat x <- x - lr * grad(x) and
   return every point visited, x0 first: shape (steps + 1,) + np.shape(x0).
   Do not modify x0.

The check compares your gradients with finite differences, then runs your
gradient descent on both functions and draws the curves.

Run `dltutor check gradient_descent_basics` to test your implementation.
"""

import numpy as np


def bowl(x):
    """f(x) = (x - 3)**2 + 1: a 1-D quadratic bowl with its minimum 1 at x = 3."""
    return (x - 3.0) ** 2 + 1.0


def bowl_grad(x):
    """f'(x) for the bowl."""
    # TODO: differentiate (x - 3)**2 + 1.
    raise NotImplementedError


def valley(p):
    """f(x, y) = (1 - x)**2 + 5*(y - x**2)**2: a curved valley with its minimum 0 at (1, 1)."""
    x, y = p[0], p[1]
    return (1.0 - x) ** 2 + 5.0 * (y - x ** 2) ** 2


def valley_grad(p):
    """The gradient [df/dx, df/dy] of the valley, as an array of shape (2,)."""
    x, y = p[0], p[1]
    # TODO: both terms depend on x; use the chain rule on each square.
    raise NotImplementedError


def gradient_descent(grad, x0, lr, steps):
    """Take `steps` steps x <- x - lr * grad(x) from x0; return every point, x0 first.

    The result has shape (steps + 1,) + np.shape(x0).
    """
    # TODO: start from a float copy of x0, loop, keep every point, stack them with np.array.
    raise NotImplementedError
