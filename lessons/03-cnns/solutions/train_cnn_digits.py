"""Reference solution: a small CNN for the 8×8 digits."""

import torch
import torch.nn.functional as F
from torch import nn


def build_model() -> nn.Module:
    """(N, 1, 8, 8) images -> (N, 10) logits."""
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),  # 16 × 4 × 4
        nn.Conv2d(16, 32, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),  # 32 × 2 × 2
        nn.Flatten(),
        nn.Linear(32 * 2 * 2, 10),
    )


def make_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    return torch.optim.Adam(model.parameters(), lr=3e-3)


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, xb: torch.Tensor, yb: torch.Tensor) -> float:
    """One gradient step on a batch; returns the batch's mean cross-entropy before the step."""
    optimizer.zero_grad()
    loss = F.cross_entropy(model(xb), yb)
    loss.backward()
    optimizer.step()
    return loss.item()
