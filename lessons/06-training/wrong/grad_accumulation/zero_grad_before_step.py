# expect: the step saw zeros
"""Clears the gradients between the loop and the step."""


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    total = 0.0
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches), strict=False):
        loss = loss_fn(model(xb), yb) / micro_batches
        loss.backward()
        total += loss.item()
    optimizer.zero_grad()
    optimizer.step()
    return total
