# variant: diagnose with plain Python sums (no NumPy); fit_regularised with an explicit L2 penalty added to the loss (Adam, no weight_decay arg)
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def diagnose(train_losses, val_losses, target_loss, max_gap):
    tail_tr = list(train_losses)[-5:]
    tail_va = list(val_losses)[-5:]
    ftr = sum(float(v) for v in tail_tr) / len(tail_tr)
    fva = sum(float(v) for v in tail_va) / len(tail_va)
    if ftr > target_loss:
        return "underfitting"
    return "overfitting" if fva - ftr > max_gap else "good"


def fit_regularised(X, y):
    model = nn.Sequential(nn.Linear(2, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 2)).to(X.device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    lam = 1e-2
    for _ in range(300):
        opt.zero_grad()
        penalty = sum((p * p).sum() for p in model.parameters())
        (F.cross_entropy(model(X), y) + 0.5 * lam * penalty).backward()
        opt.step()
    return model.eval()
