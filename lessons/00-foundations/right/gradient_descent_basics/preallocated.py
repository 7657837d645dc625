import numpy as np


def bowl(x):
    return (x - 3.0) ** 2 + 1.0


def bowl_grad(x):
    return 2.0 * (x - 3.0)


def valley(p):
    x, y = p[0], p[1]
    return (1.0 - x) ** 2 + 5.0 * (y - x ** 2) ** 2


def valley_grad(p):
    x, y = float(p[0]), float(p[1])
    return np.array([-2.0 * (1.0 - x) - 20.0 * x * (y - x * x), 10.0 * (y - x * x)])


def gradient_descent(grad, x0, lr, steps):
    x0 = np.asarray(x0, dtype=float)
    path = np.empty((steps + 1,) + x0.shape)
    path[0] = x0
    for i in range(steps):
        path[i + 1] = path[i] - lr * np.asarray(grad(path[i]))
    return path
