# expect: left the parameters unchanged
"""Reference solution: a plain and a residual 20-layer network (no normalisation), trained the same way."""

import torch
import torch.nn.functional as F
from torch import nn


class PlainNet(nn.Module):
    """Linear(in, width), `blocks` pairs of Linear(width, width), Linear(width, out); ReLU after each hidden layer."""

    def __init__(self, in_dim, width, blocks, out_dim):
        super().__init__()
        self.inp = nn.Linear(in_dim, width)
        self.first = nn.ModuleList(nn.Linear(width, width) for _ in range(blocks))
        self.second = nn.ModuleList(nn.Linear(width, width) for _ in range(blocks))
        self.out = nn.Linear(width, out_dim)

    def block(self, h, a, b):
        return F.relu(b(F.relu(a(h))))

    def forward(self, x):
        h = F.relu(self.inp(x))
        for a, b in zip(self.first, self.second, strict=True):
            h = self.block(h, a, b)
        return self.out(h)


class ResidualNet(PlainNet):
    """The same layers; each pair of layers learns a correction added to its input: relu(h + F(h))."""

    def block(self, h, a, b):
        return F.relu(h + b(F.relu(a(h))))


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)


def train_step(model, optimizer, x, y):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    return loss.item()
