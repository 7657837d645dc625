"""Two separate classes written out in full; the layers sit in one flat ModuleList."""

import torch
import torch.nn.functional as F
from torch import nn


class PlainNet(nn.Module):
    def __init__(self, in_dim, width, blocks, out_dim):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(in_dim, width)]
                                    + [nn.Linear(width, width) for _ in range(2 * blocks)]
                                    + [nn.Linear(width, out_dim)])

    def forward(self, x):
        h = F.relu(self.layers[0](x))
        for i in range(1, len(self.layers) - 1, 2):
            h = F.relu(self.layers[i + 1](F.relu(self.layers[i](h))))
        return self.layers[-1](h)


class ResidualNet(nn.Module):
    def __init__(self, in_dim, width, blocks, out_dim):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(in_dim, width)]
                                    + [nn.Linear(width, width) for _ in range(2 * blocks)]
                                    + [nn.Linear(width, out_dim)])

    def forward(self, x):
        h = F.relu(self.layers[0](x))
        for i in range(1, len(self.layers) - 1, 2):
            h = F.relu(h + self.layers[i + 1](F.relu(self.layers[i](h))))
        return self.layers[-1](h)


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)


def train_step(model, optimizer, x, y):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
