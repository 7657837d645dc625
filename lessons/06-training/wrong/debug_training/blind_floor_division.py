# expect: floor-divides
# mistake: integer-style floor division X // 16: pixels become 0 or 1
import torch
from torch import nn
from torch.nn import functional as F


def preprocess(X):
    """Pixel rows (N, 64) with values 0..16 -> a float32 tensor the model can take."""
    return torch.as_tensor(X, dtype=torch.float32) // 16


def make_model():
    return nn.Sequential(
        nn.Linear(64, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Dropout(0.3),
        nn.Linear(64, 10),
    )


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)


def train_epoch(model, optimizer, X, y, batch_size=32):
    """One pass over (X, y) in a random order, in mini-batches; returns the mean loss (a float)."""
    model.train()
    order = torch.randperm(len(X), device=X.device)
    X, y = X[order], y[order]
    total = 0.0
    for start in range(0, len(X), batch_size):
        xb, yb = X[start:start + batch_size], y[start:start + batch_size]
        loss = F.cross_entropy(model(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    return total / len(X)


def evaluate(model, X, y):
    """The fraction of rows of X whose predicted class (the largest logit) equals y."""
    model.eval()
    with torch.no_grad():
        predictions = model(X).argmax(dim=1)
    return (predictions == y).float().mean().item()
