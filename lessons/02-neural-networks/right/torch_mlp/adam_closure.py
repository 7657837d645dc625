# optimizer.step(closure), the form torch.optim's documentation shows; Adam accepts it too.
import torch
from torch import nn


class SimpleNN(nn.Module):
    def __init__(self, input_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, 128)
        self.act = nn.ReLU()
        self.layer2 = nn.Linear(128, 10)

    def forward(self, x):
        return self.layer2(self.act(self.layer1(x)))


def fit(model, X, y, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    losses = []

    def closure():
        optimizer.zero_grad()
        loss = criterion(model(X), y)
        loss.backward()
        return loss

    for _ in range(epochs):
        losses.append(optimizer.step(closure).item())
    return losses
