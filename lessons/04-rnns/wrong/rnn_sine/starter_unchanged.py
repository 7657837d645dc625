# expect: not implemented
"""An nn.RNN that continues a noisy sine wave.

The checker makes windows of 24 values of sin(ω t + φ) + noise (random ω and φ per window) and
asks for the 25th: x (N, 24, 1) — batch-first — and targets y (N,). It trains your model for 30
epochs of batches of 64 with your train_step, and passes when the mean squared error on new
windows is at most 0.02 (the noise alone costs 0.0025).

    SineRNN()                             an nn.Module: (N, T, 1) -> (N, 1); use torch.nn.RNN,
                                          then a Linear head on the hidden state after the LAST step
    make_optimizer(model)                 -> a torch.optim optimizer
    train_step(model, optimizer, x, y)    -> one gradient step on the MSE; return the loss (float)

Run `dltutor check rnn_sine` (add `--device cuda` on a GPU).
"""

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it
from torch import nn


class SineRNN(nn.Module):
    """Reads (N, T, 1) windows and predicts the next value, (N, 1)."""

    def __init__(self, hidden_size: int = 32) -> None:
        super().__init__()
        # TODO: self.rnn = nn.RNN(...), self.head = nn.Linear(...)
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO
        raise NotImplementedError


def make_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    # TODO
    raise NotImplementedError


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor,
               y: torch.Tensor) -> float:
    """One step on a batch: x (N, T, 1), y (N,). Returns the batch's mean squared error."""
    # TODO: mind the shapes: the model gives (N, 1), y is (N,)
    raise NotImplementedError
