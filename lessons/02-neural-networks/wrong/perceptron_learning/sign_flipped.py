# expect: wrong sign
"""Reference solution: Rosenblatt's perceptron rule, and a feature that makes XOR learnable."""

import numpy as np


def perceptron_train(X: np.ndarray, y: np.ndarray, epochs: int = 100, lr: float = 1.0):
    """Rosenblatt's rule from zero weights; returns (w, b, errors per epoch)."""
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y, strict=True):
            y_hat = 1 if x_i @ w + b > 0 else 0
            if y_hat != y_i:
                # y - y_hat is +1 (missed a 1: move towards x) or -1 (false 1: move away from x)
                w = w + lr * (y_hat - y_i) * x_i
                b = b + lr * (y_hat - y_i)
                mistakes += 1
        errors.append(mistakes)
        if mistakes == 0:  # a clean pass: every sample is on its right side, nothing will change again
            break
    return w, float(b), errors


def xor_lift(X: np.ndarray) -> np.ndarray:
    """X (4, 2) with the product x1·x2 appended: XOR = x1 + x2 - 2·x1·x2 is then linear."""
    return np.column_stack([X, X[:, 0] * X[:, 1]])
