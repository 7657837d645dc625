# expect: underfitting FIRST
# mistake: checks overfitting before underfitting (wrong order of the rules)
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

def diagnose(train_losses, val_losses, target_loss, max_gap):
    tr, va = float(np.mean(train_losses[-5:])), float(np.mean(val_losses[-5:]))
    if va - tr > max_gap:
        return "overfitting"
    if tr > target_loss:
        return "underfitting"
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

