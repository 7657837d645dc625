"""A two-layer network in NumPy: dense -> ReLU -> dense, trained with mini-batch SGD.

    logits = relu(X @ W1 + b1) @ W2 + b2        W1 (in, h)  b1 (h,)  W2 (h, out)  b2 (out,)

* forward(X) returns the logits (no softmax: it belongs to the loss).
* compute_loss(y_onehot, logits) is the mean softmax cross-entropy (a float).
* train(X, y, ...) takes integer labels y (n,) and runs plain mini-batch SGD
  on the mean loss: shuffle, then for each batch forward, backward, and
  `param -= learning_rate * grad` for all four parameters. With
  batch_size = len(X), one epoch is exactly one gradient step. Return a list
  with the mean training loss of each epoch; print progress only if verbose.

The checker trains NeuralNetwork(64, 64, 10) on the 8×8 digits (pixels / 16)
and expects at least 90% accuracy on held-out digits.

Run `dltutor check mlp_numpy` to test your implementation.
"""

import numpy as np


class NeuralNetwork:
    def __init__(self, input_size, hidden_size, output_size):
        # TODO: random weights with a small scale (e.g. randn * np.sqrt(2 / input_size)), zero biases.
        raise NotImplementedError

    def forward(self, X):
        """Logits of shape (n, output_size); keep what backward needs on self."""
        # TODO
        raise NotImplementedError

    def compute_loss(self, y_onehot, logits):
        """Mean softmax cross-entropy (a float), stable for large logits."""
        # TODO
        raise NotImplementedError

    def train(self, X, y, epochs=10, learning_rate=0.1, batch_size=32, verbose=False):
        """Mini-batch SGD on integer labels y; return the mean loss of each epoch."""
        # TODO: one-hot targets, then per epoch: shuffle, and per batch: forward, backward, update.
        raise NotImplementedError
