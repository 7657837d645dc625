# expect: not implemented
"""Train a small CNN on the 8×8 handwritten digits.

The checker loads the 1,797 digits (tutor.datasets.load_digits), scales pixels to [0, 1],
reshapes them to (N, 1, 8, 8), keeps a quarter aside, and trains your model for 15 epochs of
batches of 32 by calling your train_step. It passes when held-out accuracy reaches 0.94.

    build_model()                          -> nn.Module mapping (N, 1, 8, 8) to (N, 10) logits
    make_optimizer(model)                  -> a torch.optim optimizer for model's parameters
    train_step(model, optimizer, xb, yb)   -> one gradient step; return the batch loss (a float)

Use at least one nn.Conv2d. Run `dltutor check train_cnn_digits` (add `--device cuda` on a GPU).
"""

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it
from torch import nn


def build_model() -> nn.Module:
    """(N, 1, 8, 8) images -> (N, 10) logits."""
    # TODO: e.g. conv 3×3 (padding 1) → ReLU → max-pool 2 → ... → Flatten → Linear(?, 10)
    raise NotImplementedError


def make_optimizer(model: nn.Module) -> torch.optim.Optimizer:
    # TODO
    raise NotImplementedError


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, xb: torch.Tensor,
               yb: torch.Tensor) -> float:
    """One gradient step on a batch; returns the batch's mean cross-entropy before the step."""
    # TODO: clear old gradients, forward, F.cross_entropy, backward, step; return loss.item()
    raise NotImplementedError
