# expect: one time too few
import numpy as np


def bowl(x):
    return (x - 3.0) ** 2 + 1.0


def valley(p):
    x, y = p[0], p[1]
    return (1.0 - x) ** 2 + 5.0 * (y - x ** 2) ** 2


def bowl_grad(x):
    return 2.0 * (x - 3.0)


def valley_grad(p):
    x, y = p[0], p[1]
    return np.array([-2.0 * (1.0 - x) - 20.0 * x * (y - x ** 2), 10.0 * (y - x ** 2)])


def gradient_descent(grad, x0, lr, steps):
    x = np.array(x0, dtype=float)
    path = [x]
    for _ in range(1, steps):
        x = x - lr * np.asarray(grad(x))
        path.append(x)
    return np.array(path)
