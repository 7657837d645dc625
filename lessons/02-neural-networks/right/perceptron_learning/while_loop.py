import numpy as np


def perceptron_train(X, y, epochs=100, lr=1.0):
    w = np.zeros(X.shape[1], dtype=float)
    b = 0.0
    errors = []
    converged = False
    epoch = 0
    while epoch < epochs and not converged:
        wrong = 0
        for xi, target in zip(X, y):
            out = 1 if np.dot(xi, w) + b > 0 else 0
            update = lr * (target - out)
            if update != 0:
                w += update * xi
                b += update
                wrong += 1
        errors.append(wrong)
        converged = wrong == 0
        epoch += 1
    return w, b, errors


def xor_lift(X):
    # |x1 - x2| is 1 exactly for the XOR-true points
    return np.c_[X, np.abs(X[:, 0] - X[:, 1])]
