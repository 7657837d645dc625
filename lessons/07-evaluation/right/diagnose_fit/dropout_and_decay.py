import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def diagnose(train_losses, val_losses, target_loss, max_gap):
    last = lambda c: np.asarray(c)[-5:].mean()
    if last(train_losses) > target_loss:
        return "underfitting"
    elif last(val_losses) - last(train_losses) > max_gap:
        return "overfitting"
    else:
        return "good"


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Dropout(0.3), nn.Linear(64, 64), nn.ReLU(),
                                  nn.Dropout(0.3))
        self.head = nn.Linear(64, 2)

    def forward(self, x):
        return self.head(self.body(x))


def fit_regularised(X, y):
    model = Net().to(X.device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2, weight_decay=0.05)
    model.train()
    for _ in range(200):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    model.eval()
    return model
