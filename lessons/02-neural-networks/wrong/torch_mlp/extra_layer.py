# expect: parameters besides layer1 and layer2
import torch
from torch import nn


class SimpleNN(nn.Module):
    def __init__(self, input_size=784):
        super().__init__()
        self.layer1 = nn.Linear(input_size, 128)
        self.hidden = nn.Linear(128, 128)
        self.layer2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.layer1(x))
        x = torch.relu(self.hidden(x))
        return self.layer2(x)


def fit(model, X, y, epochs=100, lr=0.01):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
