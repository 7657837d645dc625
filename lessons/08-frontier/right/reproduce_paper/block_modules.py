"""Plain and residual networks from one Block module with a `shortcut` switch."""

import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, width, shortcut):
        super().__init__()
        self.a = nn.Linear(width, width)
        self.b = nn.Linear(width, width)
        self.shortcut = shortcut

    def forward(self, h):
        f = self.b(torch.relu(self.a(h)))
        return torch.relu(h + f if self.shortcut else f)


class _Net(nn.Module):
    shortcut = False

    def __init__(self, in_dim, width, blocks, out_dim):
        super().__init__()
        self.stem = nn.Sequential(nn.Linear(in_dim, width), nn.ReLU())
        self.blocks = nn.Sequential(*[Block(width, self.shortcut) for _ in range(blocks)])
        self.head = nn.Linear(width, out_dim)

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)))


class PlainNet(_Net):
    shortcut = False


class ResidualNet(_Net):
    shortcut = True


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True)


def train_step(model, optimizer, x, y):
    model.train()
    logits = model(x)
    loss = nn.CrossEntropyLoss()(logits, y)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    return float(loss.detach())
