# expect: no ReLU after the input layer
# mistake: no ReLU after the input Linear
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

    def block(self, h, a, b):
        return F.relu(b(F.relu(a(h))))

    def forward(self, x):
        h = self.inp(x)
        for a, b in zip(self.a, self.b):
            h = self.block(h, a, b)
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
