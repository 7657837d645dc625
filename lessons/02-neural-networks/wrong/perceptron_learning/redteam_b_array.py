# expect: b should be a float, but you returned a NumPy array of shape (1,)
import numpy as np


def perceptron_train(X, y, epochs=100, lr=1.0):
    w = np.zeros(X.shape[1])
    b = np.zeros(1)
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            y_hat = 1 if (x_i @ w + b)[0] > 0 else 0
            if y_hat != y_i:
                w = w + lr * (y_i - y_hat) * x_i
                b = b + lr * (y_i - y_hat)
                mistakes += 1
        errors.append(mistakes)
        if mistakes == 0:
            break
    return w, b, errors


def xor_lift(X):
    return np.column_stack([X, X[:, 0] * X[:, 1]])
