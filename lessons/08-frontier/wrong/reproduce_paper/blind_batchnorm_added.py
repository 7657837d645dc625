# expect: WITHOUT normalisation
# mistake: adds BatchNorm1d after every hidden Linear (the task says NO normalisation)
import torch
import torch.nn.functional as F
from torch import nn


class PlainNet(nn.Module):
    def __init__(self, in_dim, width, blocks, out_dim):
        super().__init__()
        self.inp = nn.Linear(in_dim, width)
        self.a = nn.ModuleList([nn.Linear(width, width) for _ in range(blocks)])
        self.b = nn.ModuleList([nn.Linear(width, width) for _ in range(blocks)])
        self.out = nn.Linear(width, out_dim)
        self.bn = nn.ModuleList([nn.BatchNorm1d(width) for _ in range(2 * blocks)])

    def block(self, h, a, b):
        return F.relu(b(F.relu(a(h))))

    def forward(self, x):
        h = F.relu(self.inp(x))
        for i, (a, b) in enumerate(zip(self.a, self.b)):
            na, nb = self.bn[2 * i], self.bn[2 * i + 1]
            h = self.block(h, lambda t, a=a, na=na: na(a(t)), lambda t, b=b, nb=nb: nb(b(t)))
        return self.out(h)


class ResidualNet(PlainNet):
    def block(self, h, a, b):
        return F.relu(h + b(F.relu(a(h))))


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)


def train_step(model, optimizer, x, y):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
