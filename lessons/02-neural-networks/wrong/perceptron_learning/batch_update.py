# expect: batch update
import numpy as np


def perceptron_train(X, y, epochs=100, lr=1.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = []
    for _ in range(epochs):
        y_hat = (X @ w + b > 0).astype(int)
        diff = y - y_hat
        errors.append(int(np.sum(diff != 0)))
        if errors[-1] == 0:
            break
        w = w + lr * diff @ X
        b = b + lr * diff.sum()
    return w, b, errors


def xor_lift(X):
    return np.column_stack([X, X[:, 0] * X[:, 1]])
