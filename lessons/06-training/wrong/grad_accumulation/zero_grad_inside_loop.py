# expect: LAST micro-batch
"""The usual training loop's zero_grad left inside the micro-batch loop."""


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    total = 0.0
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches), strict=False):
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb) / micro_batches
        loss.backward()
        total += loss.item()
    optimizer.step()
    return total
