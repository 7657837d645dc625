# variant: diagnose with torch tensors instead of NumPy; fit_regularised with Adam weight decay 1e-2 and a fresh optimizer on the starter net
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def diagnose(train_losses, val_losses, target_loss, max_gap):
    tr = torch.as_tensor(list(train_losses), dtype=torch.float64)[-5:].mean().item()
    va = torch.as_tensor(list(val_losses), dtype=torch.float64)[-5:].mean().item()
    if tr > target_loss:
        return "underfitting"
    if va - tr > max_gap:
        return "overfitting"
    return "good"


def fit_regularised(X, y):
    model = nn.Sequential(nn.Linear(2, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 2)).to(X.device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=1e-2)
    for _ in range(300):
        opt.zero_grad()
        F.cross_entropy(model(X), y).backward()
        opt.step()
    return model.eval()
