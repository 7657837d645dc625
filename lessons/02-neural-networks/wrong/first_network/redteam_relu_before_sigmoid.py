# expect: a ReLU sits between the last Linear and the Sigmoid
import torch
from torch import nn


def make_model():
    return nn.Sequential(
        nn.Linear(3, 4), nn.ReLU(),
        nn.Linear(4, 2), nn.ReLU(),
        nn.Linear(2, 1), nn.ReLU(), nn.Sigmoid(),
    )


def fit(model, X, y, epochs):
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    loss_fn = nn.BCELoss()
    losses = []
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
