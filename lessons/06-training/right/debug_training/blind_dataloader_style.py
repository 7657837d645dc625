import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset


def preprocess(X):
    """Pixel rows (N, 64) with values 0..16 -> a float32 tensor the model can take."""
    return torch.tensor(X, dtype=torch.float32) * (1.0 / 16.0)


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
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size, shuffle=True)
    total, count = 0.0, 0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
        count += len(xb)
    return total / count


def evaluate(model, X, y):
    """The fraction of rows of X whose predicted class (the largest logit) equals y."""
    model.eval()
    with torch.no_grad():
        logits = model(X)
    return float((logits.argmax(dim=1) == y).to(torch.float64).mean())
