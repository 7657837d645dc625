"""Backpropagates the unscaled losses, then divides the accumulated .grad by k before the step."""

import torch


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    for p in model.parameters():
        if p.grad is not None:
            p.grad.zero_()
    total = 0.0
    for xb, yb in zip(torch.split(x, len(x) // micro_batches), torch.split(y, len(y) // micro_batches), strict=False):
        loss = loss_fn(model(xb), yb)
        loss.backward()
        total += float(loss) / micro_batches
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p.grad /= micro_batches
    optimizer.step()
    return total
