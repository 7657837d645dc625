"""Read learning curves, then fix a model that overfits.

1. diagnose(train_losses, val_losses, target_loss, max_gap) -> "underfitting" | "overfitting" | "good"
   "final" means the mean of the LAST 5 epochs of a curve (one noisy epoch must not decide).
   * "underfitting" if the final training loss > target_loss (it cannot even fit what it sees);
   * otherwise "overfitting" if final validation loss - final training loss > max_gap;
   * otherwise "good".

2. fit_regularised(X, y) -> a trained nn.Module
   X: float32 tensor (n, 2), y: int64 tensor (n,) — two noisy half-moons, 15% of the labels flipped,
   on some device (build the model there). The model maps (m, 2) inputs to (m, 2) logits.
   The version below memorises the noise: training loss near 0, validation loss far higher.
   Change it so that, on fresh data from the same source, the checker measures
       validation cross-entropy - training cross-entropy <= 0.30   and   validation accuracy >= 0.74,
   within about 2 s of CPU. It trains your model twice, from two random initialisations: both must
   meet the targets (a barely trained network can reach 0.74 by the luck of its init, not twice).

Run `dltutor check diagnose_fit` to test your implementation.
"""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def diagnose(train_losses, val_losses, target_loss, max_gap):
    """'underfitting', 'overfitting' or 'good', by the rule above."""
    # TODO
    raise NotImplementedError


def fit_regularised(X, y):
    """Train a classifier for (n, 2) inputs that does not memorise its noisy labels."""
    model = nn.Sequential(nn.Linear(2, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 2))
    model = model.to(X.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    # TODO: this fits the 15% wrong labels too. Regularise: weight decay, a smaller network,
    # fewer steps, dropout... then check both numbers the task asks for.
    for _ in range(300):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return model.eval()
