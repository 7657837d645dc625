# variant: two independent classes, one flat ModuleList of 2*blocks layers indexed in pairs; loss as log_softmax + nll_loss
import torch
import torch.nn.functional as F
from torch import nn


class PlainNet(nn.Module):
    def __init__(self, in_dim, width, blocks, out_dim):
        super().__init__()
        self.first = nn.Linear(in_dim, width)
        self.hidden = nn.ModuleList(nn.Linear(width, width) for _ in range(2 * blocks))
        self.last = nn.Linear(width, out_dim)

    def forward(self, x):
        h = torch.relu(self.first(x))
        for i in range(0, len(self.hidden), 2):
            h = torch.relu(self.hidden[i + 1](torch.relu(self.hidden[i](h))))
        return self.last(h)


class ResidualNet(nn.Module):
    def __init__(self, in_dim, width, blocks, out_dim):
        super().__init__()
        self.first = nn.Linear(in_dim, width)
        self.hidden = nn.ModuleList(nn.Linear(width, width) for _ in range(2 * blocks))
        self.last = nn.Linear(width, out_dim)

    def forward(self, x):
        h = torch.relu(self.first(x))
        for i in range(0, len(self.hidden), 2):
            h = torch.relu(h + self.hidden[i + 1](torch.relu(self.hidden[i](h))))
        return self.last(h)


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)


def train_step(model, optimizer, x, y):
    model.train()
    optimizer.zero_grad(set_to_none=True)
    loss = F.nll_loss(F.log_softmax(model(x), dim=1), y)
    loss.backward()
    optimizer.step()
    return float(loss.detach())
