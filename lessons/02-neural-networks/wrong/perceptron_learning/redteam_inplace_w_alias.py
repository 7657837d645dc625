# expect: changed the X it was given
import numpy as np


def perceptron_train(X, y, epochs=100, lr=1.0):
    w = X[0]
    w *= 0.0
    b = 0.0
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for i in range(len(X)):
            y_hat = 1 if X[i] @ w + b > 0 else 0
            if y_hat != y[i]:
                w += lr * (y[i] - y_hat) * X[i]
                b += lr * (y[i] - y_hat)
                mistakes += 1
        errors.append(mistakes)
        if mistakes == 0:
            break
    return w, float(b), errors


def xor_lift(X):
    return np.column_stack([X, X[:, 0] * X[:, 1]])
