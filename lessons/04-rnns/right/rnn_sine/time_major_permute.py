# nn.RNN left time-major (its default): the batch is permuted to (T, N, 1) by hand.
import torch
from torch import nn


class SineRNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(1, 32)
        self.out = nn.Linear(32, 1)

    def forward(self, x):
        seq = x.permute(1, 0, 2)      # (T, N, 1)
        states, h_n = self.rnn(seq)   # states: (T, N, 32)
        return self.out(states[-1])   # the last time step, (N, 1)


def make_optimizer(model):
    return torch.optim.Adam(model.parameters(), lr=0.01)


def train_step(model, optimizer, x, y):
    model.zero_grad()
    prediction = model(x).squeeze(1)
    loss = nn.functional.mse_loss(prediction, y)
    loss.backward()
    optimizer.step()
    return loss.item()
