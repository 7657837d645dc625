# expect: nan
from collections import OrderedDict

import torch
from torch import nn


def make_model():
    return nn.Sequential(OrderedDict([
        ("hidden1", nn.Linear(3, 4)),
        ("act1", nn.ReLU()),
        ("hidden2", nn.Linear(4, 2)),
        ("act2", nn.ReLU()),
        ("output", nn.Linear(2, 1)),
        ("sigmoid", nn.Sigmoid()),
    ]))


def fit(model, X, y, epochs):
    optimizer = torch.optim.RMSprop(model.parameters(), lr=0.02)
    losses = []
    for _ in range(epochs):
        p = model(X)
        # binary cross-entropy written out by hand
        loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
