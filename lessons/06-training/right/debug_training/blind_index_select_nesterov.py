import torch
from torch import nn
from torch.nn import functional as F


def preprocess(X):
    """Pixel rows (N, 64) with values 0..16 -> a float32 tensor the model can take."""
    t = torch.as_tensor(X).to(torch.float32)
    return t.div(16)


def make_model():
    return nn.Sequential(
        nn.Linear(64, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Dropout(0.3),
        nn.Linear(64, 10),
    )


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9, nesterov=True)


def train_epoch(model, optimizer, X, y, batch_size=32):
    """One pass over (X, y) in a random order, in mini-batches; returns the mean loss (a float)."""
    model.train()
    perm = torch.randperm(X.shape[0], device=X.device)
    Xs = X.index_select(0, perm)
    ys = y.index_select(0, perm)
    losses = []
    for xb, yb in zip(Xs.split(batch_size), ys.split(batch_size)):
        model.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(xb), yb, reduction="sum")
        (loss / len(xb)).backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / X.shape[0]


def evaluate(model, X, y):
    """The fraction of rows of X whose predicted class (the largest logit) equals y."""
    was_training = model.training
    model.eval()
    try:
        with torch.inference_mode():
            correct = (model(X).argmax(1) == y).sum().item()
    finally:
        model.train(was_training)
    return correct / len(y)
