# expect: Python float
"""Returns the loss as a tensor."""

import torch


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    optimizer.zero_grad()
    total = torch.zeros(())
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches), strict=False):
        loss = loss_fn(model(xb), yb) / micro_batches
        loss.backward()
        total = total + loss.detach().cpu()
    optimizer.step()
    return total
