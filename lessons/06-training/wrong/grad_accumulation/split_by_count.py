# expect: chunks of SIZE
"""torch.split given the number of micro-batches, which it reads as a chunk size."""


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(x.split(micro_batches), y.split(micro_batches), strict=False):
        loss = loss_fn(model(xb), yb) / micro_batches
        loss.backward()
        total += loss.item()
    optimizer.step()
    return total
