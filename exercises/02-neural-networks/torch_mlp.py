"""A two-layer network in PyTorch, trained with Adam.

SimpleNN(input_size): layer1 = nn.Linear(input_size, 128), a ReLU, and
layer2 = nn.Linear(128, 10). forward returns the raw logits (n, 10): no
softmax, because nn.CrossEntropyLoss applies log-softmax itself.

fit(model, X, y, epochs, lr) trains full-batch: every epoch is exactly one
step of torch.optim.Adam(model.parameters(), lr=lr) on the mean
cross-entropy of model(X) against the integer labels y. Return the list of
per-epoch losses (floats). X and y are already on the model's device.

Run `dltutor check torch_mlp` (add `--device cuda` to use a GPU).
"""

import torch
from torch import nn


class SimpleNN(nn.Module):
    def __init__(self, input_size=784):
        super().__init__()
        # TODO: self.layer1, a ReLU, self.layer2
        raise NotImplementedError

    def forward(self, x):
        # TODO: logits = layer2(relu(layer1(x)))
        raise NotImplementedError


def fit(model, X, y, epochs=100, lr=0.01):
    """Full-batch Adam on nn.CrossEntropyLoss; one optimizer step per epoch; returns the losses."""
    # TODO: optimizer and loss function once; then per epoch: zero_grad, forward, loss, backward, step.
    raise NotImplementedError
