"""Linear regression in closed form: the normal equation.

The model is  price ≈ w0 + w1*area + w2*rooms + w3*age.  Put a column of
ones in front of X so that the bias w0 is just one more weight; then the
weights that minimise the squared error solve

    (Xbᵀ Xb) w = Xbᵀ y

add_bias(X)                (N, D) -> (N, D + 1), ones in column 0
fit_normal_equation(X, y)  X (N, D) raw features, y (N,) -> w (D + 1,), bias first
predict(X, w)              X (N, D), w (D + 1,) -> (N,)

Run `dltutor check linreg_normal_equation` to test your implementation.
"""

import numpy as np


def add_bias(X: np.ndarray) -> np.ndarray:
    """(N, D) -> (N, D + 1): a column of ones in front, so w[0] is the bias."""
    # TODO
    raise NotImplementedError


def fit_normal_equation(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least-squares weights (D + 1,), bias first, from (XbᵀXb) w = Xbᵀy."""
    # TODO: build Xb, then solve the (D+1)×(D+1) system (np.linalg.solve is better than inv).
    raise NotImplementedError


def predict(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Predictions (N,) for raw features X (N, D) and weights w (D + 1,), bias first."""
    # TODO
    raise NotImplementedError
