# expect: still overfitting
# expect: memorises
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn



def diagnose(train_losses, val_losses, target_loss, max_gap):
    train, val = np.mean(train_losses[-5:]), np.mean(val_losses[-5:])
    if train > target_loss:
        return "underfitting"
    if val - train > max_gap:
        return "overfitting"
    return "good"


def fit_regularised(X, y):
    model = nn.Sequential(nn.Linear(2, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 2)).to(X.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(300):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return model.eval()
