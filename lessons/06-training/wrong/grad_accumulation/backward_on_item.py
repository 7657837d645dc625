# expect: cut off from autograd
"""Takes .item() first, then tries to backpropagate a float wrapped in a new tensor."""

import torch


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches), strict=False):
        loss = loss_fn(model(xb), yb).item() / micro_batches
        torch.tensor(loss, requires_grad=False).backward()
        total += loss
    optimizer.step()
    return total
