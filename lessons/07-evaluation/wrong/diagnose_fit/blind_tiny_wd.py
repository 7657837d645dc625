# expect: still overfitting
# mistake: weight decay 1e-5 with more steps: too weak, still memorises
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

def diagnose(train_losses, val_losses, target_loss, max_gap):
    final = lambda c: float(np.mean(np.asarray(c, dtype=float)[-5:]))
    tr, va = final(train_losses), final(val_losses)
    if tr > target_loss:
        return "underfitting"
    if va - tr > max_gap:
        return "overfitting"
    return "good"


def fit_regularised(X, y):
    model = nn.Sequential(nn.Linear(2, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 2))
    model = model.to(X.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=1e-5)
    for _ in range(500):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return model.eval()

