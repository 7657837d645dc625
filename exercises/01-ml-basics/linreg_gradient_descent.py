"""Linear regression by gradient descent.

X arrives with its bias column already in front (N, D + 1); w is (D + 1,).

mse_loss(X, y, w)      mean((X @ w - y)**2)                   -> a float
mse_gradient(X, y, w)  d mse_loss / d w = (2/N) Xᵀ(Xw − y)     -> shape like w
gd_step(X, y, w, lr)   w - lr * gradient                      -> new weights (do not modify w)

The check compares your gradient with finite differences, then trains with
your gd_step from w = 0 on standardised house prices and compares the result
with np.linalg.lstsq.

Run `dltutor check linreg_gradient_descent` to test your implementation.
"""

import numpy as np


def mse_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """Mean squared error of the predictions X @ w (X already has its bias column)."""
    # TODO
    raise NotImplementedError


def mse_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The gradient of mse_loss with respect to w: (2/N) Xᵀ(Xw − y), shape like w."""
    # TODO: one matrix product with X.T — no loop over samples.
    raise NotImplementedError


def gd_step(X: np.ndarray, y: np.ndarray, w: np.ndarray, lr: float) -> np.ndarray:
    """One step of gradient descent; returns new weights and leaves w unchanged."""
    # TODO
    raise NotImplementedError
