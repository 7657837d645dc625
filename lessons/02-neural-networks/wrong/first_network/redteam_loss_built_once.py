# expect: the loss was built once, before the epoch loop
import torch
from torch import nn


def make_model():
    return nn.Sequential(
        nn.Linear(3, 4), nn.ReLU(),
        nn.Linear(4, 2), nn.ReLU(),
        nn.Linear(2, 1), nn.Sigmoid(),
    )


def fit(model, X, y, epochs):
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    loss_fn = nn.BCELoss()
    losses = []
    loss = loss_fn(model(X), y)
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss.backward(retain_graph=True)
        optimizer.step()
        losses.append(loss.item())
    return losses
