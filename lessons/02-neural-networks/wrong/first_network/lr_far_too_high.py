# expect: learning rate
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
    criterion = nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=500.0)
    losses = []
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss = criterion(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
