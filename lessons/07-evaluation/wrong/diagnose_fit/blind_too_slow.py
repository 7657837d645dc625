# expect: about 2 s of CPU
# mistake: regularised but trains 30000 full-batch steps of a wide net: far over the ~2 s CPU budget
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
    model = nn.Sequential(nn.Linear(2, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 2))
    model = model.to(X.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-2)
    for _ in range(30000):
        optimizer.zero_grad()
        F.cross_entropy(model(X), y).backward()
        optimizer.step()
    return model.eval()

