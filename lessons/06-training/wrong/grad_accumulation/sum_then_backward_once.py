# expect: graph in memory
"""Adds the loss tensors and backpropagates once: right gradient, all graphs kept alive."""


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    optimizer.zero_grad()
    total = 0
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches), strict=False):
        total = total + loss_fn(model(xb), yb) / micro_batches
    total.backward()
    optimizer.step()
    return total.item()
