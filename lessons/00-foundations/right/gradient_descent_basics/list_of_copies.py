import numpy as np


def bowl(x):
    return (x - 3.0) ** 2 + 1.0


def bowl_grad(x):
    return 2 * x - 6


def valley(p):
    x, y = p[0], p[1]
    return (1.0 - x) ** 2 + 5.0 * (y - x ** 2) ** 2


def valley_grad(p):
    x, y = p
    dx = 2 * (x - 1) + 10 * (y - x ** 2) * (-2 * x)
    dy = 10 * (y - x ** 2)
    return np.array([dx, dy])


def gradient_descent(grad, x0, lr, steps):
    x = np.copy(x0).astype(float)
    history = [x.copy()]
    for _ in range(steps):
        x -= lr * np.asarray(grad(x))
        history.append(x.copy())
    return np.array(history)
