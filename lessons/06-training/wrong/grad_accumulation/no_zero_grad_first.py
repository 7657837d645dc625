# expect: BEFORE the first micro-batch
"""Clears the gradients after the step (as many loops do) instead of before the first backward."""


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    total = 0.0
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches), strict=False):
        loss = loss_fn(model(xb), yb) / micro_batches
        loss.backward()
        total += loss.item()
    optimizer.step()
    optimizer.zero_grad()
    return total
