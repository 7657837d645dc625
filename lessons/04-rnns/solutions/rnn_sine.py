"""Reference solution: an nn.RNN that continues a noisy sine wave."""

import torch
import torch.nn.functional as F
from torch import nn


class SineRNN(nn.Module):
    """Reads (N, T, 1) windows and predicts the next value, (N, 1)."""

    def __init__(self, hidden_size: int = 32) -> None:
        super().__init__()
        self.rnn = nn.RNN(input_size=1, hidden_size=hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(x)  # out: (N, T, hidden), every step's state
        return self.head(out[:, -1])  # the state after the last step -> (N, 1)


def make_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    return torch.optim.Adam(model.parameters(), lr=1e-2)


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor) -> float:
    """One step on a batch: x (N, T, 1), y (N,). Returns the batch's mean squared error."""
    optimizer.zero_grad()
    loss = F.mse_loss(model(x).squeeze(-1), y)
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 1.0)  # cheap insurance against an exploding step
    optimizer.step()
    return loss.item()
