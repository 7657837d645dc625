# expect: not scaled
"""Debug a training run: five faults are planted in this script. Find and fix them.

The script trains a small network on the 8x8 digits (tutor.datasets.load_digits(): X (N, 64) with
pixels 0..16, y (N,) labels 0..9). The checker calls it like this:

    X_train, X_test = preprocess(X_train), preprocess(X_test)        # float32 tensors, values in [0, 1]
    model = make_model(); optimizer = make_optimizer(model)
    for epoch in range(8):
        loss = train_epoch(model, optimizer, X_train, y_train)       # one pass, returns the mean loss
        accuracy = evaluate(model, X_test, y_test)                   # fraction correct, a float

Everything runs, nothing crashes, and yet the network learns nothing useful. Keep the names and
signatures, keep the architecture (it has batch norm and dropout on purpose), and fix the script
so that it reaches at least 92% test accuracy in 8 epochs. Use the loss curve: the lesson
"Debugging a training run" says what each fault looks like there and what to check first.

Run `dltutor check debug_training` to test your fixes; it names every fault still present.
"""

import torch
from torch import nn
from torch.nn import functional as F


def preprocess(X):
    """Pixel rows (N, 64) with values 0..16 -> a float32 tensor the model can take."""
    return torch.as_tensor(X, dtype=torch.float32)


def make_model():
    return nn.Sequential(
        nn.Linear(64, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Dropout(0.3),
        nn.Linear(64, 10),
    )


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=5.0, momentum=0.9)


def train_epoch(model, optimizer, X, y, batch_size=32):
    """One pass over (X, y) in a random order, in mini-batches; returns the mean loss (a float)."""
    model.train()
    X = X[torch.randperm(len(X), device=X.device)]  # a new order every epoch
    total = 0.0
    for start in range(0, len(X), batch_size):
        xb, yb = X[start:start + batch_size], y[start:start + batch_size]
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    return total / len(X)


def evaluate(model, X, y):
    """The fraction of rows of X whose predicted class (the largest logit) equals y."""
    with torch.no_grad():
        predictions = model(X).argmax(dim=1)
    return (predictions == y).float().mean().item()
