"""Activation functions and their derivatives.

Every function works elementwise on a NumPy array of any shape and returns a
new array (leave the input unchanged). The derivatives take the
*pre-activation* x, the same argument as the activation itself:

    relu(x)     = max(x, 0)                 relu_derivative(x)    = 1 if x > 0 else 0
    sigmoid(x)  = 1 / (1 + exp(-x))         sigmoid_derivative(x) = d sigmoid / dx at x
    tanh(x)                                 tanh_derivative(x)    = d tanh / dx at x

At exactly x = 0, ReLU has a kink; relu_derivative may return 0 or 1 there.
sigmoid and tanh (and their derivatives) must stay finite for x = ±1000.

Run `dltutor check activations` to test your implementation.
"""

import numpy as np


def relu(x):
    # TODO: elementwise max(x, 0), without modifying x.
    raise NotImplementedError


def relu_derivative(x):
    # TODO: 1.0 where x > 0, 0.0 elsewhere.
    raise NotImplementedError


def sigmoid(x):
    # TODO: 1 / (1 + exp(-x)), finite for large |x|.
    raise NotImplementedError


def sigmoid_derivative(x):
    # TODO: x is the pre-activation: compute s = sigmoid(x) first.
    raise NotImplementedError


def tanh(x):
    # TODO
    raise NotImplementedError


def tanh_derivative(x):
    # TODO: x is the pre-activation.
    raise NotImplementedError
