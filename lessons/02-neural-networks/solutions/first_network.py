"""Reference solution: a tiny 3 -> 4 -> 2 -> 1 classifier trained with binary cross-entropy."""

import torch
from torch import nn


def make_model():
    return nn.Sequential(
        nn.Linear(3, 4),
        nn.ReLU(),
        nn.Linear(4, 2),
        nn.ReLU(),
        nn.Linear(2, 1),
        nn.Sigmoid(),
    )


def fit(model, X, y, epochs):
    """Full batch: each epoch is one Adam step on the mean binary cross-entropy."""
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    loss_fn = nn.BCELoss()
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
