# expect: average the last 5
# mistake: uses only the last epoch instead of the mean of the last 5
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

def diagnose(train_losses, val_losses, target_loss, max_gap):
    tr, va = float(train_losses[-1]), float(val_losses[-1])
    if tr > target_loss:
        return "underfitting"
    if va - tr > max_gap:
        return "overfitting"
    return "good"


def fit_regularised(X, y):
    model = nn.Sequential(nn.Linear(2, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 2))
    model = model.to(X.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=1e-2)
    for _ in range(300):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return model.eval()

