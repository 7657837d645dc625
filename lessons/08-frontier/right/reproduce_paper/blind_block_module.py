# variant: a Block submodule with a `residual` flag, blocks in nn.Sequential; loss via nn.CrossEntropyLoss
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, width, residual):
        super().__init__()
        self.A = nn.Linear(width, width)
        self.B = nn.Linear(width, width)
        self.act = nn.ReLU()
        self.residual = residual

    def forward(self, h):
        z = self.B(self.act(self.A(h)))
        return self.act(h + z) if self.residual else self.act(z)


class _Net(nn.Module):
    residual = False

    def __init__(self, in_dim, width, blocks, out_dim):
        super().__init__()
        self.stem = nn.Sequential(nn.Linear(in_dim, width), nn.ReLU())
        self.body = nn.Sequential(*[Block(width, self.residual) for _ in range(blocks)])
        self.head = nn.Linear(width, out_dim)

    def forward(self, x):
        return self.head(self.body(self.stem(x)))


class PlainNet(_Net):
    residual = False


class ResidualNet(_Net):
    residual = True


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)


_ce = nn.CrossEntropyLoss()


def train_step(model, optimizer, x, y):
    out = model(x)
    loss = _ce(out, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
