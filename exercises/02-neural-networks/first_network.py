"""Your first network: a tiny binary classifier, built and trained end to end.

    3 inputs -> Linear(3, 4) -> ReLU -> Linear(4, 2) -> ReLU -> Linear(2, 1) -> Sigmoid

make_model() returns that network as an nn.Module (nn.Sequential is fine);
its output, shape (n, 1), is the probability that a sample is class 1.

fit(model, X, y, epochs) trains it with binary cross-entropy (nn.BCELoss).
X is a float tensor (n, 3), y a float tensor (n, 1) of 0s and 1s, both on the
model's device. Train full-batch: every epoch is exactly one optimizer step
on the whole data set. You pick the optimizer and its learning rate (Adam
with lr=0.05 works well). Return the list of per-epoch losses.

The checker trains for 300 epochs and expects at least 90% accuracy on
held-out samples.

Run `dltutor check first_network` (add `--device cuda` to use a GPU).
"""

import torch
from torch import nn


def make_model():
    # TODO: nn.Sequential(...) with three Linear layers, two ReLUs and a Sigmoid.
    raise NotImplementedError


def fit(model, X, y, epochs):
    """Full-batch training with nn.BCELoss; one optimizer step per epoch; returns the losses."""
    # TODO
    raise NotImplementedError
